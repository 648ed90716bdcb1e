// The producer against kinesis-local with a 4-shard stream: every user record is read back exactly once, also across a reshard.
import { expect } from 'chai';
import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { decodeAggregate } from '../../../common/kpl/aggregate-codec';
import { ensureStream, waitForActive } from '../../../local/stand-ins/stream-setup';
import { createProducer } from '../../../producer/create-producer';
import type { PutResult } from '../../../producer/pipeline/pending-record';
import { decodeWithAwsKinesisAgg } from '../../support/kpl-agg-adapter';
import { startKinesisStandIn, type KinesisStandIn } from '../../support/kinesis-stand-in';
import { readWholeStream, type StreamContents } from '../../support/kinesis-stream-reader';

const payload = (id: number): string =>
  JSON.stringify({ id: String(id), text: `tweet ${id} #LowEmissionZone ¿sí? 🚗`, lang: id % 2 === 0 ? 'en' : 'es' });

function idCounts(contents: StreamContents): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of contents.userRecords) {
    const id = (JSON.parse(record.data.toString('utf8')) as { id: string }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function expectEachOnce(counts: Map<string, number>, total: number): void {
  const missing = Array.from({ length: total }, (_, i) => String(i)).filter((id) => counts.get(id) !== 1);
  expect(missing, `ids not read exactly once: ${missing.slice(0, 10).join(', ')}`).to.deep.equal([]);
  expect(counts.size).to.equal(total);
}

describe('producer against kinesis-local (integration)', function () {
  this.timeout(180_000);
  let standIn: KinesisStandIn;

  before(async () => {
    standIn = await startKinesisStandIn();
  });

  after(async () => {
    await standIn?.stop();
  });

  it('stores every user record exactly once across 4 shards, in aggregates aws-kinesis-agg decodes identically', async () => {
    await ensureStream(standIn.client, 'producer-basic', 4);
    const producer = await createProducer({ streamName: 'producer-basic', kinesis: standIn.client });
    const total = 3_000;
    const puts: Promise<PutResult>[] = [];
    for (let id = 0; id < total; id += 1)
      puts.push(producer.put({ partitionKey: `user-${id % 97}-${id}`, data: payload(id) }));
    await producer.close();
    const results = await Promise.all(puts);
    const contents = await readWholeStream(standIn.client, 'producer-basic');
    expectEachOnce(idCounts(contents), total);
    expect(contents.droppedAggregates).to.equal(0);
    expect(new Set(results.map((r) => r.shardId)).size).to.equal(4);
    expect(producer.stats().userRecordsPerKinesisRecord).to.be.greaterThan(10);
    for (const { record } of contents.kinesisRecords) {
      const ours = decodeAggregate(record.Data ?? new Uint8Array());
      if (ours.kind !== 'aggregated') continue;
      const theirs = decodeWithAwsKinesisAgg(record.Data ?? new Uint8Array());
      expect(theirs.map((r) => [r.partitionKey, r.explicitHashKey, Buffer.from(r.data).toString('hex')])).to.deep.equal(
        ours.records.map((r) => [r.partitionKey, r.explicitHashKey, Buffer.from(r.data).toString('hex')]),
      );
    }
  });

  for (const target of [8, 2]) {
    it(`stores every user record exactly once while the stream is resharded 4 -> ${target} mid-run`, async () => {
      const stream = `producer-reshard-${target}`;
      await ensureStream(standIn.client, stream, 4);
      const producer = await createProducer({
        streamName: stream,
        kinesis: standIn.client,
        options: { recordMaxBufferedTime: 20 },
      });
      const total = 4_000;
      const puts: Promise<PutResult>[] = [];
      const putRange = async (from: number, to: number): Promise<void> => {
        for (let id = from; id < to; id += 1) {
          puts.push(producer.put({ partitionKey: `vehicle-${id % 211}`, data: payload(id) }));
          if (id % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await putRange(0, 1_500);
      await standIn.client.send(
        new UpdateShardCountCommand({ StreamName: stream, TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' }),
      );
      await putRange(1_500, 2_500);
      await waitForActive(standIn.client, stream);
      await putRange(2_500, total);
      await producer.close();
      const results = await Promise.all(puts);
      const contents = await readWholeStream(standIn.client, stream);
      expectEachOnce(idCounts(contents), total);
      expect(contents.corrupt).to.equal(0);
      expect(producer.stats().reshardsDetected).to.be.greaterThan(0);
      expect(new Set(results.slice(2_500).map((r) => r.shardId)).size).to.equal(target);
    });
  }
});
