// Contract tests: the built consumer as a real child process over real pipes, with the daemon's exact JSON lines.
import { expect } from 'chai';
import * as path from 'node:path';
import { DaemonHarness } from '../../../support/daemon-harness';
import { aggregate, initialize, processRecords, seq, tweets, wire, SHARD } from '../../../support/kcl-actions';
import { REPO_ROOT } from '../../../../common/repo-root';

const NOISY_LIBRARY = path.join(REPO_ROOT, 'test', 'fixtures', 'consumer', 'noisy-library.cjs');

describe('consumer protocol contract (real child process)', function () {
  this.timeout(30_000);
  let harness: DaemonHarness;

  afterEach(() => harness.kill());

  it('answers initialize, several processRecords and shardEnded, checkpointing each durable batch and SHARD_END', async () => {
    harness = new DaemonHarness();
    await harness.run(initialize());
    const checkpoints: Array<string | null> = [];
    for (let batch = 0; batch < 3; batch += 1) {
      checkpoints.push(...(await harness.run(processRecords(tweets(batch * 10, 10)))));
    }
    checkpoints.push(...(await harness.run({ action: 'shardEnded' })));
    expect(checkpoints[checkpoints.length - 1]).to.equal(null);
    for (const sequenceNumber of checkpoints.slice(0, -1)) expect([seq(9), seq(19)]).to.include(sequenceNumber);
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
    expect(harness.stderr).to.equal('');
  });

  it('checkpoints the last record on shutdownRequested after flushing what is buffered', async () => {
    harness = new DaemonHarness({ BATCH_MAX_AGE_MS: '600000' });
    await harness.run(initialize());
    expect(await harness.run(processRecords(tweets(0, 5)))).to.deep.equal([]);
    expect(await harness.run({ action: 'shutdownRequested' })).to.deep.equal([seq(4)]);
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
  });

  it('never checkpoints after leaseLost and exits promptly when stdin closes', async () => {
    harness = new DaemonHarness({ BATCH_MAX_AGE_MS: '600000' });
    await harness.run(initialize());
    await harness.run(processRecords(tweets(0, 5)));
    expect(await harness.run({ action: 'leaseLost' })).to.deep.equal([]);
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
    expect(harness.lines.every((line) => !line.includes('"checkpoint"'))).to.equal(true);
  });

  for (const retryable of ['ThrottlingException', 'KinesisClientLibDependencyException']) {
    it(`retries the same checkpoint after ${retryable}`, async () => {
      harness = new DaemonHarness({ CHECKPOINT_RETRY_BASE_MS: '1' });
      await harness.run(initialize());
      await harness.run(processRecords(tweets(0, 3)));
      const checkpoints = await harness.run(processRecords([], 0), [retryable, retryable, null]);
      expect(checkpoints).to.deep.equal([seq(2), seq(2), seq(2)]);
    });
  }

  it('keeps retrying the SHARD_END checkpoint after six ThrottlingExceptions (default attempts) and answers shardEnded only once it is accepted', async () => {
    harness = new DaemonHarness({ CHECKPOINT_RETRY_BASE_MS: '1', CHECKPOINT_RETRY_MAX_MS: '5' });
    await harness.run(initialize());
    await harness.run(processRecords(tweets(0, 3)));
    const throttled = Array.from({ length: 9 }, () => 'ThrottlingException');
    const checkpoints = await harness.run({ action: 'shardEnded' }, [...throttled, null]);
    expect(checkpoints.slice(-10)).to.deep.equal(Array.from({ length: 10 }, () => null));
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
    expect(harness.stderr).to.not.include('retries exhausted');
  });

  it('answers shutdownRequested only once its final checkpoint is accepted, however long the daemon throttles', async () => {
    harness = new DaemonHarness({ CHECKPOINT_RETRY_BASE_MS: '1', CHECKPOINT_RETRY_MAX_MS: '5' });
    await harness.run(initialize());
    await harness.run(processRecords(tweets(0, 3)));
    const checkpoints = await harness.run({ action: 'shutdownRequested' }, [
      ...Array.from({ length: 8 }, () => 'KinesisClientLibDependencyException'),
      null,
    ]);
    expect(checkpoints).to.deep.equal(Array.from({ length: 9 }, () => seq(2)));
  });

  it('exits promptly when stdin closes while the SHARD_END checkpoint is still being throttled', async () => {
    harness = new DaemonHarness({ CHECKPOINT_RETRY_BASE_MS: '50', CHECKPOINT_RETRY_MAX_MS: '50' });
    await harness.run(initialize());
    harness.send({ action: 'shardEnded' });
    for (let i = 0; i < 8; i += 1) {
      const message = await harness.next();
      expect(message.action).to.equal('checkpoint');
      harness.send({ action: 'checkpoint', sequenceNumber: null, subSequenceNumber: 0, error: 'ThrottlingException' });
    }
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
  });

  it('stops checkpointing after ShutdownException and still completes every action', async () => {
    harness = new DaemonHarness();
    await harness.run(initialize());
    await harness.run(processRecords(tweets(0, 3)));
    expect(await harness.run(processRecords([]), ['ShutdownException'])).to.deep.equal([seq(2)]);
    expect(await harness.run(processRecords(tweets(3, 3)))).to.deep.equal([]);
    expect(await harness.run(processRecords([]))).to.deep.equal([]);
    expect(await harness.run({ action: 'leaseLost' })).to.deep.equal([]);
  });

  for (const bug of ['InvalidStateException', 'IllegalArgumentException']) {
    it(`logs ${bug} loudly to stderr without retrying and keeps the shard going`, async () => {
      harness = new DaemonHarness();
      await harness.run(initialize());
      await harness.run(processRecords(tweets(0, 3)));
      expect(await harness.run(processRecords([]), [bug])).to.deep.equal([seq(2)]);
      await harness.waitForStderr(bug);
      expect(await harness.run(processRecords(tweets(3, 2)))).to.deep.equal([]);
      expect(await harness.run(processRecords([]))).to.deep.equal([seq(4)]);
    });
  }

  it('keeps stdout to protocol lines while a library prints 200 KB to console and stdout during a batch', async () => {
    harness = new DaemonHarness({ NODE_OPTIONS: `--require ${NOISY_LIBRARY}` });
    await harness.run(initialize());
    await new Promise((resolve) => setTimeout(resolve, 600));
    await harness.run(processRecords(tweets(0, 200)));
    await harness.run({ action: 'shardEnded' });
    harness.closeStdin();
    await harness.exited;
    const diverted = harness.logEntries().filter((entry) => String(entry.message).includes('diverted'));
    expect(diverted.length).to.be.at.least(200);
    expect(harness.stderr).to.equal('');
  });

  it('exits promptly with no error when stdin closes in the middle of a stream', async () => {
    harness = new DaemonHarness({ BATCH_MAX_AGE_MS: '600000' });
    await harness.run(initialize());
    await harness.run(processRecords(tweets(0, 50)));
    harness.send(processRecords(tweets(50, 50)));
    harness.closeStdin();
    const exit = await harness.exited;
    expect(exit.code).to.equal(0);
    expect(harness.stderr).to.equal('');
  });

  it('exits promptly on stdin end while sink retries hold sockets and timers open', async function () {
    this.timeout(15_000);
    harness = new DaemonHarness({
      SINKS: 'all',
      ARCHIVE_BUCKET: 'unreachable',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      REDSHIFT_URL: 'postgres://u:p@127.0.0.1:9/db',
      REDSHIFT_TLS: 'false',
      DELIVERY_RETRY_MAX_DELAY_MS: '50',
      SINK_RETRY_MAX_ATTEMPTS: '1',
    });
    await harness.run(initialize());
    expect(await harness.run(processRecords(tweets(0, 5)))).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    harness.closeStdin();
    expect((await harness.exited).code).to.equal(0);
    expect(harness.stderr).to.include('sink write failed');
    expect(harness.stderr).to.not.include('NodeVersionSupportWarning');
    expect(harness.stderr).to.not.include(':p@');
  });

  it('dead-letters garbage and corrupt aggregates, de-aggregates valid ones, and drops garbage input lines', async () => {
    harness = new DaemonHarness();
    await harness.run(initialize());
    harness.sendRaw('this is not json\n{"no":"action"}\n');
    const corrupt = aggregate([100, 101]);
    corrupt[corrupt.length - 1] ^= 0xff;
    const records = [
      wire(Buffer.from([0xff, 0xfe, 0x00]), seq(1)),
      wire(Buffer.from('{"text": unterminated'), seq(2)),
      wire(aggregate([10, 11, 12]), seq(3)),
      wire(corrupt, seq(4)),
      wire(Buffer.from('R-1 2026-11-20T10:00:00Z 1HGCM82633A004352 40.4 -3.7 42.5'), seq(5)),
    ];
    const checkpoints = [...(await harness.run(processRecords(records))), ...(await harness.run(processRecords([])))];
    expect(checkpoints).to.deep.equal([seq(5)]);
    harness.closeStdin();
    await harness.exited;
    const entries = harness.logEntries();
    const reasons = entries
      .filter((entry) => entry.message === 'dry run: record rejected')
      .map((entry) => entry.reason)
      .sort();
    expect(reasons).to.deep.equal(['corrupt-aggregate', 'invalid-json', 'invalid-utf8']);
    const batch = entries.find((entry) => entry.message === 'dry run: batch accepted');
    expect(batch).to.include({ shardId: SHARD, records: 7, posts: 3, vehicles: 1, rejections: 3 });
    expect(entries.filter((entry) => String(entry.message).startsWith('dropped an input line'))).to.have.length(2);
  });
});
