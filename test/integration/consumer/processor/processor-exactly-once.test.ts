// The processor over the real sinks (s3rver, PostgreSQL): a crash between the archive write and the checkpoint, then a re-cut replay.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { ShardProcessor } from '../../../../consumer/processor/shard-processor';
import type { Checkpointer, CheckpointReply } from '../../../../consumer/processor/checkpointer';
import type { SentimentAnalyzer } from '../../../../consumer/sentiment/sentiment-analyzer';
import type { Sink, SinkBatch } from '../../../../consumer/sinks/sink';
import { NESTED_BASE, NESTED_STRIDE } from '../../../../consumer/decode/record-decoder';
import { aggregate, seq, tweet, wire, type WireRecord } from '../../../support/kcl-actions';
import { archivedIdentities, readArchive } from '../../../support/stand-ins-archive';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { archiveSink, redshiftSink, tableIdentities } from '../sinks/sink-fixtures';

const SHARD = 'shardId-000000000007';

const analyzer: SentimentAnalyzer = {
  name: 'fixed',
  analyze: async (docs) =>
    docs.map(() => ({
      ok: true,
      label: 'POSITIVE',
      scores: { Positive: 0.9, Negative: 0, Neutral: 0.1, Mixed: 0 },
      lang: 'en',
    })),
  close: async () => {},
};

/** Fails every write after the first `healthyWrites`: the database "goes away" while the archive keeps working. */
class FailingAfter implements Sink {
  public readonly name: string;
  private writes = 0;
  public constructor(
    private readonly inner: Sink,
    private readonly healthyWrites: number,
  ) {
    this.name = inner.name;
  }
  public async write(batch: SinkBatch): Promise<void> {
    this.writes += 1;
    if (this.writes > this.healthyWrites)
      throw Object.assign(new Error('connection terminated'), { code: 'ECONNRESET' });
    await this.inner.write(batch);
  }
  public close(): Promise<void> {
    return this.inner.close();
  }
}

class RecordingCheckpointer implements Checkpointer {
  public last: string | undefined;
  public async checkpoint(sequenceNumber: string | null): Promise<CheckpointReply> {
    if (sequenceNumber !== null) this.last = sequenceNumber;
    return { ok: true };
  }
}

/** 60 delivered records: every third a KPL aggregate of three posts, one vehicle line, one garbage record. */
function deliveredStream(): WireRecord[] {
  return Array.from({ length: 60 }, (_, i) => {
    if (i === 17) return wire(Buffer.from('not a post, not a vehicle'), seq(i));
    if (i === 31) return wire(Buffer.from('v31 2026-11-20T10:00:00Z 1HGCM82633A004352 40.4 -3.7 30'), seq(i));
    return i % 3 === 0 ? wire(aggregate([i * 10, i * 10 + 1, i * 10 + 2]), seq(i)) : wire(tweet(i * 10), seq(i));
  });
}

function processorWith(sinks: Sink[], maxRecords: number): ShardProcessor {
  return new ShardProcessor({
    sinks,
    analyzer,
    logger: new NullLogger(),
    batchPolicy: { maxRecords, maxBytes: 1e9, maxAgeMs: 1e9 },
    maxOpenBatches: 4,
    checkpointRetry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    retryPolicy: { maxAttempts: Infinity, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

async function feed(
  processor: ShardProcessor,
  records: WireRecord[],
  perCall: number,
  checkpointer: Checkpointer,
): Promise<void> {
  for (let i = 0; i < records.length; i += perCall) {
    await processor.processRecords({ records: records.slice(i, i + perCall) }, checkpointer);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await processor.processRecords({ records: [] }, checkpointer);
}

describe('processor exactly-once over the real sinks', function () {
  this.timeout(120_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns({ bucket: 'processor-archive' });
  });
  after(async () => {
    await standIns?.stop();
  });

  it('archives and loads every user record exactly once after a crash between archive write and checkpoint and a re-cut replay', async () => {
    const stream = deliveredStream();
    const first = processorWith([archiveSink(standIns), new FailingAfter(redshiftSink(standIns.postgresUrl), 2)], 12);
    const firstCheckpoints = new RecordingCheckpointer();
    await first.initialize({ shardId: SHARD, sequenceNumber: 'TRIM_HORIZON' });
    await feed(first, stream.slice(0, 50), 10, firstCheckpoints);
    await first.leaseLost(); // the crash: nothing after this point is checkpointed, deliveries stop
    expect(firstCheckpoints.last).to.not.equal(undefined);

    // The daemon restarts the shard after the checkpoint; this time batches are cut at 7 and calls carry 13 records.
    const restartAfter = BigInt(firstCheckpoints.last as string);
    const replay = stream.filter((record) => BigInt(record.sequenceNumber) > restartAfter);
    expect(replay.length).to.be.lessThan(stream.length);
    const second = processorWith([archiveSink(standIns), redshiftSink(standIns.postgresUrl)], 7);
    const secondCheckpoints = new RecordingCheckpointer();
    await second.initialize({ shardId: SHARD, sequenceNumber: firstCheckpoints.last });
    await feed(second, replay, 13, secondCheckpoints);
    await second.shardEnded(secondCheckpoints);
    await second.close();
    await first.close();

    // The aggregates arrive as part 0 of a record the daemon de-aggregated: nested identities (see record-decoder.ts).
    const expected = stream
      .flatMap((record, i) =>
        (i % 3 === 0 ? [NESTED_BASE, NESTED_BASE + 1, NESTED_BASE + 2] : [0]).map(
          (sub) => `${SHARD}/${record.sequenceNumber}/${sub}`,
        ),
      )
      .sort();
    const { lines } = await readArchive(standIns.s3, standIns.bucket, 'raw/');
    expect(archivedIdentities(lines).sort()).to.deep.equal(expected);
    const posts = await tableIdentities(standIns.postgresUrl, 'post_sentiment');
    const vehicles = await tableIdentities(standIns.postgresUrl, 'vehicle_readings');
    expect(vehicles).to.deep.equal([`${SHARD}/${seq(31)}/0`]);
    expect(posts).to.deep.equal(
      expected.filter((key) => key !== `${SHARD}/${seq(17)}/0` && key !== `${SHARD}/${seq(31)}/0`),
    );
    const deadLetters = await readArchive(standIns.s3, standIns.bucket, 'errors/raw/');
    expect(archivedIdentities(deadLetters.lines)).to.deep.equal([`${SHARD}/${seq(17)}/0`]);
  });

  it('stores all four user records of two parts of one record that a producer aggregated twice, once each after a replay', async () => {
    const shard = 'shardId-000000000077';
    const sequenceNumber = seq(900);
    const parts = [wire(aggregate([9001, 9002]), sequenceNumber, 0), wire(aggregate([9003, 9004]), sequenceNumber, 1)];
    for (let run = 0; run < 2; run += 1) {
      const processor = processorWith([archiveSink(standIns), redshiftSink(standIns.postgresUrl)], 100);
      await processor.initialize({ shardId: shard, sequenceNumber: 'TRIM_HORIZON' });
      await processor.processRecords({ records: parts }, new RecordingCheckpointer());
      await processor.shardEnded(new RecordingCheckpointer());
      await processor.close();
    }
    const archived = archivedIdentities((await readArchive(standIns.s3, standIns.bucket, 'raw/')).lines).filter((key) =>
      key.startsWith(shard),
    );
    const posts = (await tableIdentities(standIns.postgresUrl, 'post_sentiment')).filter((key) =>
      key.startsWith(shard),
    );
    const expected = [0, 1, NESTED_STRIDE, NESTED_STRIDE + 1]
      .map((offset) => `${shard}/${sequenceNumber}/${NESTED_BASE + offset}`)
      .sort();
    expect(archived.sort()).to.deep.equal(expected);
    expect([...posts].sort()).to.deep.equal(expected);
  });
});
