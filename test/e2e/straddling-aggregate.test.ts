// End-to-end: an aggregate straddling two new child shards, put on one of them right after the split, is stored by neither sink (the KCL or our guard drops it).
import { expect } from 'chai';
import { PutRecordsCommand, UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { NullLogger } from '../../common/logger';
import { encodeAggregate } from '../../common/kpl/aggregate-codec';
import { partitionKeyHash } from '../../common/kpl/hash-key';
import { readArchiveLines, readPostRows, type DeliveredLine } from '../../local/trace/delivery-reader';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { sleep } from '../../common/sleep';
import { waitForActive } from '../../local/stand-ins/stream-setup';
import { listAllShards } from '../../common/aws/list-all-shards';
import { SOAK_BUCKET, SoakPipeline } from '../../local/soak/soak-pipeline';
import { useSoakStack } from '../support/soak-stack-hooks';

function keyBetween(start: bigint, end: bigint, tag: string): string {
  for (let i = 0; ; i += 1) {
    const h = partitionKeyHash(`${tag}${i}`);
    if (h >= start && h <= end) return `${tag}${i}`;
  }
}

const post = (id: string): Buffer =>
  Buffer.from(
    JSON.stringify({
      id,
      text: 'straddling #transitpolicy',
      lang: 'en',
      created_at: new Date().toISOString(),
      user: { screen_name: 'x' },
      hashtags: [],
    }),
  );

describe('e2e: an aggregate straddling two children right after a split', function () {
  this.timeout(600_000);
  const soak = useSoakStack();
  const { dir } = soak;

  it('stores the marker put after it on the same child but none of its user records', async () => {
    const s = soak.stack();
    const pipeline = await SoakPipeline.start({ stack: s, dir, shards: 1, logger: new NullLogger() });
    try {
      const kinesis = s.factory.kinesis();
      await kinesis.send(
        new UpdateShardCountCommand({
          StreamName: pipeline.streamName,
          TargetShardCount: 2,
          ScalingType: 'UNIFORM_SCALING',
        }),
      );
      await waitForActive(kinesis, pipeline.streamName);
      const children = (await listAllShards(kinesis, pipeline.streamName)).filter((x) => x.ParentShardId !== undefined);
      expect(children).to.have.length(2);
      const [a, b] = children.map((c) => ({
        start: BigInt(c.HashKeyRange?.StartingHashKey ?? '0'),
        end: BigInt(c.HashKeyRange?.EndingHashKey ?? '0'),
      }));
      const inA = keyBetween(a.start, a.end, 'a');
      const inB = keyBetween(b.start, b.end, 'b');
      const id = `${pipeline.runId}-straddle`;
      const straddling = encodeAggregate([
        { partitionKey: inA, data: post(`${id}-0`) },
        { partitionKey: inB, data: post(`${id}-1`) },
      ]);
      // Put at once, while the daemon may not know the children yet; then a plain marker on the same child, read after it.
      await kinesis.send(
        new PutRecordsCommand({
          StreamName: pipeline.streamName,
          Records: [
            { PartitionKey: inA, ExplicitHashKey: partitionKeyHash(inA).toString(), Data: straddling },
            { PartitionKey: inA, Data: post(`${id}-marker`) },
          ],
        }),
      );
      const deadline = Date.now() + 300_000;
      while (
        (await readPostRows(s.postgresUrl, LOCAL_POSTS_TABLE, `${id}-marker`)).length === 0 &&
        Date.now() < deadline
      )
        await sleep(1_000);
      const rows = await readPostRows(s.postgresUrl, LOCAL_POSTS_TABLE, id);
      expect(rows.map((r) => r.postId)).to.deep.equal([`${id}-marker`]);
      const archived = async (): Promise<DeliveredLine[]> =>
        (await readArchiveLines(s.factory.s3(), SOAK_BUCKET, `${pipeline.runId}/raw/`)).filter((l) =>
          l.line.data.includes(id),
        );
      let lines = await archived();
      while (lines.length === 0 && Date.now() < deadline) {
        await sleep(1_000);
        lines = await archived();
      }
      expect(lines.map((l) => (JSON.parse(l.line.data) as { id: string }).id)).to.deep.equal([`${id}-marker`]);
    } finally {
      await pipeline.stop();
    }
  });
});
