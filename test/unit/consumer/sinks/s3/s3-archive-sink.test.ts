// Unit tests of the archive sink over an in-memory store: layout, line format, exactly-once under crashes and re-cut replays.
import { expect } from 'chai';
import { NullLogger } from '../../../../../common/logger';
import { identityKey } from '../../../../../common/user-record';
import { S3ArchiveSink } from '../../../../../consumer/sinks/s3/s3-archive-sink';
import { archivedData } from '../../../../../consumer/sinks/s3/archive-line';
import { cutIntoBatches, makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';
import { archivedIdentities, parseArchiveObject } from '../../../../support/stand-ins-archive';
import { InMemoryObjectStore } from './in-memory-object-store';

const options = {
  prefix: 'raw/tweets',
  errorPrefix: 'errors/tweets',
  statePrefix: 'state/tweets',
  gzip: true,
  logger: new NullLogger(),
};

function archived(store: InMemoryObjectStore): string[] {
  return store
    .keys('raw/')
    .flatMap((key) => archivedIdentities(parseArchiveObject(key, store.objects.get(key)?.bytes ?? Buffer.alloc(0))));
}

describe('S3ArchiveSink', () => {
  it('writes one gzip NDJSON object per batch under the UTC hour of its first record', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 30, startMs: Date.UTC(2026, 0, 5, 23, 59, 59, 500) });
    const sink = new S3ArchiveSink(store, options);
    for (const batch of cutIntoBatches(items, [20, 10])) await sink.write(batch);
    const keys = store.keys('raw/');
    expect(keys).to.have.length(2);
    expect(keys[0]).to.match(/^raw\/tweets\/2026\/01\/05\/23\/shardId-000000000000-\d+-0-\d+-0\.jsonl\.gz$/);
    expect(keys[1]).to.match(/^raw\/tweets\/2026\/01\/06\/00\//);
    expect(archived(store)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });

  it('keeps valid UTF-8 as text and base64-encodes anything else, byte for byte', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 50 });
    await new S3ArchiveSink(store, options).write(toSinkBatch(items));
    const [key] = store.keys('raw/');
    const lines = parseArchiveObject(key ?? '', store.objects.get(key ?? '')?.bytes ?? Buffer.alloc(0));
    expect(lines.map((line) => line.dataEncoding)).to.include.members(['utf8', 'base64']);
    lines.forEach((line, i) =>
      expect(archivedData(line).equals(items[i]?.decoded.record.data ?? Buffer.alloc(1))).to.equal(true),
    );
    expect(lines[0]).to.include({
      partitionKey: items[0]?.decoded.record.partitionKey,
      approximateArrivalTimestamp: items[0]?.decoded.record.approximateArrivalTimestamp,
    });
  });

  it('archives every record exactly once when a new process replays from an earlier boundary with different cuts', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 90, perAggregate: 3 });
    const first = new S3ArchiveSink(store, options);
    const batches = cutIntoBatches(items, [30]);
    for (const batch of batches) await first.write(batch);
    // Crash: the checkpoint only covered the first batch. The replay starts there and is cut differently.
    const second = new S3ArchiveSink(store, options);
    for (const batch of cutIntoBatches(items.slice(30), [45, 7])) await second.write(batch);
    expect(archived(store)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });

  it('writes the rest after a crash between the progress object and the data object', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 60 });
    const first = new S3ArchiveSink(store, options);
    await first.write(toSinkBatch(items.slice(0, 20)));
    store.failPutsWhere((key) => key.startsWith('raw/'));
    const error = await first.write(toSinkBatch(items.slice(20, 40))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property('code', 'SINK_WRITE_FAILED');
    store.heal();
    const second = new S3ArchiveSink(store, options);
    await second.write(toSinkBatch(items.slice(20, 60)));
    expect(archived(store)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });

  it('stays exact when a write that failed had in fact landed and is retried with a different cut', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 60 });
    const sink = new S3ArchiveSink(store, options);
    await sink.write(toSinkBatch(items.slice(0, 20)));
    store.failAfterStoringWhere((key) => key.startsWith('raw/'));
    await sink.write(toSinkBatch(items.slice(20, 40))).then(
      () => expect.fail('write should reject'),
      () => undefined,
    );
    store.heal();
    await sink.write(toSinkBatch(items.slice(20, 60)));
    expect(archived(store)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });

  it('skips the delivered-again rest of a KPL aggregate when a replay starts inside it', async () => {
    const store = new InMemoryObjectStore();
    const items = makeShardStream({ count: 40, perAggregate: 4 });
    await new S3ArchiveSink(store, options).write(toSinkBatch(items.slice(0, 22)));
    // The binding can only checkpoint (sequence, 0): the replay re-delivers sub-records 1..3 of aggregate 5.
    await new S3ArchiveSink(store, options).write(toSinkBatch(items.slice(21)));
    expect(archived(store)).to.deep.equal(items.map((item) => identityKey(item.decoded.record)));
  });

  it('overwrites the same key when the same batch is written again', async () => {
    const store = new InMemoryObjectStore();
    const batch = toSinkBatch(makeShardStream({ count: 10 }));
    await new S3ArchiveSink(store, options).write(batch);
    const keys = store.keys('raw/');
    await new S3ArchiveSink(store, { ...options, statePrefix: 'other-state' }).write(batch);
    expect(store.keys('raw/')).to.deep.equal(keys);
    expect(archived(store)).to.have.length(10);
  });

  it('writes one dead-letter object per reason per batch under <error-prefix>/<reason>/YYYY/MM/DD/HH/, one line per record with identity, reason and raw bytes', async () => {
    const store = new InMemoryObjectStore();
    const batch = toSinkBatch(makeShardStream({ count: 100, startMs: Date.UTC(2026, 4, 1, 7, 0, 0) }));
    await new S3ArchiveSink(store, options).write(batch);
    const keys = store.keys('errors/');
    expect(keys).to.have.length(2);
    expect(
      keys.some((key) =>
        /^errors\/tweets\/invalid-json\/2026\/05\/01\/07\/shardId-000000000000-\d+-\d+\.jsonl$/.test(key),
      ),
    ).to.equal(true);
    const lines = deadLetterLines(store);
    expect(lines).to.have.length(batch.rejections.length);
    const utf8Reject = batch.rejections.find((rejection) => rejection.reason === 'invalid-utf8');
    const line = lines.find((document) => document.reason === 'invalid-utf8');
    expect(line).to.include({
      shardId: utf8Reject?.record.shardId,
      sequenceNumber: utf8Reject?.record.sequenceNumber,
      subSequenceNumber: utf8Reject?.record.subSequenceNumber,
      detail: utf8Reject?.detail,
    });
    expect(Buffer.from(line?.data ?? '', 'base64').equals(utf8Reject?.record.data ?? Buffer.alloc(0))).to.equal(true);
  });

  it('never duplicates a dead letter when a failed batch is replayed cut differently', async () => {
    const items = makeShardStream({ count: 200, poisonEvery: 2 });
    const store = new InMemoryObjectStore();
    const first = new S3ArchiveSink(store, options);
    store.failPutsWhere((key) => key.startsWith('raw/'));
    await first.write(toSinkBatch(items.slice(0, 150))).catch(() => undefined);
    store.heal();
    expect(deadLetterLines(store)).to.have.length(75);
    // A new process replays from the checkpoint, cut shorter and then longer.
    const second = new S3ArchiveSink(store, options);
    for (const [from, to] of [
      [0, 40],
      [40, 120],
      [120, 200],
    ])
      await second.write(toSinkBatch(items.slice(from, to)));
    const identities = deadLetterLines(store).map(
      (document) => `${document.sequenceNumber}/${document.subSequenceNumber}`,
    );
    expect(identities).to.have.length(100);
    expect(new Set(identities).size).to.equal(100);
  });

  it('writes plain NDJSON without the .gz suffix when gzip is off', async () => {
    const store = new InMemoryObjectStore();
    await new S3ArchiveSink(store, { ...options, gzip: false }).write(toSinkBatch(makeShardStream({ count: 5 })));
    const [key] = store.keys('raw/');
    expect(key).to.match(/\.jsonl$/);
    expect(
      store.objects
        .get(key ?? '')
        ?.bytes.toString('utf8')
        .split('\n'),
    ).to.have.length(6);
  });

  it('refuses to write when the progress object is corrupt, rather than guess', async () => {
    const store = new InMemoryObjectStore();
    store.objects.set('state/tweets/shardId-000000000000.json', {
      bytes: Buffer.from('{not json'),
      contentType: 'application/json',
    });
    const error = await new S3ArchiveSink(store, options).write(toSinkBatch(makeShardStream({ count: 5 }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property('code', 'ARCHIVE_STATE_INVALID');
    expect(store.keys('raw/')).to.have.length(0);
  });
});

interface DeadLetterLine {
  shardId: string;
  sequenceNumber: string;
  subSequenceNumber: number;
  reason: string;
  detail: string;
  data: string;
}

function deadLetterLines(store: InMemoryObjectStore): DeadLetterLine[] {
  return store.keys('errors/').flatMap((key) =>
    (store.objects.get(key)?.bytes.toString('utf8') ?? '')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeadLetterLine),
  );
}
