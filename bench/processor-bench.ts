// Consumer throughput through the real child process and the multilang protocol, with null sinks and the neutral analyzer.
import { DaemonHarness } from '../test/support/daemon-harness';
import { initialize, processRecords, seq, wire } from '../test/support/kcl-actions';
import type { Benchmark } from './bench-section';

const RECORD_BYTES = 300;
const RECORDS_PER_CALL = 1_000;

function tweetOfSize(id: number): Buffer {
  const base = {
    id: String(id),
    text: '',
    lang: 'en',
    created_at: '2026-11-20T10:00:00Z',
    user: `user${id % 997}`,
    hashtags: ['LowEmissionZone'],
  };
  const filler = RECORD_BYTES - Buffer.byteLength(JSON.stringify(base));
  return Buffer.from(
    JSON.stringify({
      ...base,
      text: `The new #LowEmissionZone ${'is working well '.repeat(20)}`.slice(0, Math.max(10, filler)),
    }),
  );
}

export const benchmark: Benchmark = async ({ quick, progress }) => {
  const total = quick ? 50_000 : 300_000;
  const calls = Array.from({ length: total / RECORDS_PER_CALL }, (_, call) =>
    processRecords(
      Array.from({ length: RECORDS_PER_CALL }, (_, i) => {
        const n = call * RECORDS_PER_CALL + i;
        return wire(tweetOfSize(n), seq(n));
      }),
    ),
  );
  const bytes = total * tweetOfSize(0).length;
  const harness = new DaemonHarness({
    SENTIMENT_ANALYZER: 'neutral',
    BATCH_MAX_RECORDS: '5000',
    BATCH_MAX_AGE_MS: '1000',
    LOG_LEVEL: 'warn',
  });
  try {
    await harness.run(initialize());
    await harness.run(processRecords(calls[0].records as ReturnType<typeof wire>[]));
    const started = process.hrtime.bigint();
    for (let i = 1; i < calls.length; i += 1) {
      await harness.run(calls[i]);
      if (i % 50 === 0) progress(`${i * RECORDS_PER_CALL} records`);
    }
    await harness.run({ action: 'shardEnded' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const measured = total - RECORDS_PER_CALL;
    const recordsPerSec = measured / seconds;
    const mbPerSec = (bytes * (measured / total)) / seconds / 1e6;
    const shardReadRecordsPerSec = (2 * 1024 * 1024) / tweetOfSize(0).length;
    return {
      section: 'processor',
      figures: { recordsPerSec, MBPerSec: mbPerSec, recordBytes: tweetOfSize(0).length, records: measured },
      ratios: { vsOneShardReadLimit: recordsPerSec / shardReadRecordsPerSec },
      goals: { 'at least 20,000 records/s through the protocol': recordsPerSec >= 20_000 },
      notes: [
        'real child process over pipes, SINKS=none, neutral analyzer, 1,000 records per processRecords; one shard reads at most 2 MiB/s',
      ],
    };
  } finally {
    harness.closeStdin();
    await Promise.race([harness.exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    harness.kill();
  }
};
