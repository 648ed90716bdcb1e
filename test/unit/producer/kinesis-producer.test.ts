// The producer end to end over in-memory transports: results, back-pressure, flush and close, validation.
import { expect } from 'chai';
import { ConfigError } from '../../../common/errors';
import { createProducer } from '../../../producer/create-producer';
import { NullTransport } from '../../../producer/transport/null-transport';
import { InvalidUserRecordError, ProducerClosedError } from '../../../producer/producer-errors';
import type {
  PutRecordsEntry,
  PutRecordsResultEntry,
  PutRecordsTransport,
  ShardRange,
} from '../../../producer/transport/put-records-transport';
import { uniformShards } from '../../../producer/aggregation/uniform-shards';
import { ManualClock, until } from '../../support/manual-time';

/** Holds every request until release() is called, so a test controls when Kinesis answers. */
class GatedTransport implements PutRecordsTransport {
  private readonly inner = new NullTransport(uniformShards(2));
  private readonly gates: (() => void)[] = [];
  public requests = 0;

  public async putRecords(entries: readonly PutRecordsEntry[]): Promise<readonly PutRecordsResultEntry[]> {
    this.requests += 1;
    await new Promise<void>((resolve) => this.gates.push(resolve));
    return this.inner.putRecords(entries);
  }

  public async listShards(): Promise<readonly ShardRange[]> {
    return this.inner.listShards();
  }

  public release(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('KinesisProducer', () => {
  it('resolves each put with the shard, sequence number and sub-sequence number of its aggregate', async () => {
    const producer = await createProducer({
      streamName: 's',
      transport: new NullTransport(uniformShards(1)),
      options: { recordMaxBufferedTime: 5 },
    });
    const results = await Promise.all([0, 1, 2].map((i) => producer.put({ partitionKey: `k${i}`, data: `d${i}` })));
    expect(results.map((r) => r.subSequenceNumber)).to.deep.equal([0, 1, 2]);
    expect(new Set(results.map((r) => r.sequenceNumber)).size).to.equal(1);
    expect(results[0]).to.include({ shardId: 'shardId-000000000000', attempts: 1 });
    await producer.close();
  });

  it('makes put wait while the buffer is full, and lets it go once records settle', async () => {
    const transport = new GatedTransport();
    const producer = await createProducer({
      streamName: 's',
      transport,
      options: { maxBufferedRecords: 3, recordMaxBufferedTime: 0 },
    });
    const first = [1, 2, 3].map((i) => producer.put({ partitionKey: `k${i}`, data: 'x' }));
    let fourthAccepted = false;
    const fourth = producer.put({ partitionKey: 'k4', data: 'x' }).then((r) => {
      fourthAccepted = true;
      return r;
    });
    for (let i = 0; i < 20; i += 1) await tick();
    expect(producer.stats().bufferedUserRecords).to.equal(3);
    expect(fourthAccepted).to.equal(false);
    transport.release();
    await Promise.all(first);
    for (let i = 0; i < 5_000 && !fourthAccepted; i += 1) {
      transport.release();
      await tick();
    }
    await fourth;
    expect(producer.stats().userRecordsPut).to.equal(4);
    await producer.close();
  });

  it('sends a partly filled aggregate exactly when recordMaxBufferedTime has passed on its clock', async () => {
    const clock = new ManualClock(1_000);
    const transport = new NullTransport(uniformShards(1), true);
    const producer = await createProducer({
      streamName: 's',
      transport,
      clock,
      options: { recordMaxBufferedTime: 100 },
    });
    const put = producer.put({ partitionKey: 'k', data: 'd' });
    await until(() => clock.pending > 0, 'the flush timer');
    clock.advance(99);
    await tick();
    expect(transport.sent).to.have.length(0);
    clock.advance(1);
    await until(() => transport.sent.length === 1, 'the PutRecords request');
    expect((await put).attempts).to.equal(1);
    await producer.close();
    expect(clock.pending).to.equal(0);
  });

  it('flush sends partial aggregates at once and resolves when every record is settled', async () => {
    const producer = await createProducer({
      streamName: 's',
      transport: new NullTransport(),
      options: { recordMaxBufferedTime: 3_600_000 },
    });
    const puts = Array.from({ length: 50 }, (_, i) => producer.put({ partitionKey: `k${i}`, data: 'x' }));
    await producer.flush();
    expect(producer.stats().bufferedUserRecords).to.equal(0);
    expect((await Promise.all(puts)).length).to.equal(50);
    await producer.close();
  });

  it('refuses puts after close', async () => {
    const producer = await createProducer({ streamName: 's', transport: new NullTransport() });
    await producer.close();
    let error: unknown;
    await producer.put({ partitionKey: 'k', data: 'x' }).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(ProducerClosedError);
  });

  it('rejects a user record that breaks a Kinesis rule', async () => {
    const producer = await createProducer({ streamName: 's', transport: new NullTransport() });
    const errors: unknown[] = [];
    for (const bad of [
      { partitionKey: '', data: 'x' },
      { partitionKey: 'k', explicitHashKey: '-1', data: 'x' },
      { partitionKey: 'k', data: Buffer.alloc(1024 * 1024) },
    ]) {
      await producer.put(bad).catch((e: unknown) => errors.push(e));
    }
    expect(errors).to.have.length(3);
    for (const error of errors) expect(error).to.be.instanceOf(InvalidUserRecordError);
    await producer.close();
  });

  it('reports every bad option in one ConfigError', async () => {
    let error: unknown;
    await createProducer({
      streamName: 's',
      transport: new NullTransport(),
      options: { collectionMaxCount: 501, rateLimit: 0, recordTtl: -1, bogus: 1 } as never,
    }).catch((e: unknown) => {
      error = e;
    });
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.have.length(4);
  });

  it('requires a stream and a client', async () => {
    let error: unknown;
    await createProducer({}).catch((e: unknown) => {
      error = e;
    });
    expect((error as ConfigError).problems).to.deep.equal([
      'streamName or streamARN is required',
      'a kinesis client (or a transport) is required',
    ]);
  });

  it('retries a whole request that failed with a retryable error and counts the attempts', async () => {
    const inner = new NullTransport(uniformShards(2));
    let calls = 0;
    const flaky: PutRecordsTransport = {
      listShards: () => inner.listShards(),
      putRecords: async (entries) => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
        return inner.putRecords(entries);
      },
    };
    // A long buffer time and one flush put the three records in one request whatever the machine's load (with a 1 ms
    // buffer time a slow machine sent them in separate requests, and only the first request's records were retried).
    const producer = await createProducer({
      streamName: 's',
      transport: flaky,
      options: { recordMaxBufferedTime: 60_000, minBackoffMs: 1, maxBackoffMs: 2 },
    });
    const puts = [1, 2, 3].map((i) => producer.put({ partitionKey: `k${i}`, data: 'x' }));
    await producer.flush();
    const results = await Promise.all(puts);
    expect(calls, 'one failed request, one retried').to.equal(2);
    expect(results.map((r) => r.attempts)).to.deep.equal([2, 2, 2]);
    expect(producer.stats().retries).to.be.greaterThan(0);
    await producer.close();
  });
});
