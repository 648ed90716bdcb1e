// The lease-table reader against dynalite: a seeded table reads back page by page, one lease by key, and a missing table.
import { expect } from 'chai';
import { readLease, readLeases, readLeasesIfAny } from '../../../../common/kcl-lease/lease-reader';
import { lookupShardRange } from '../../../../consumer/reshard/shard-range-lookup';
import { seedLeaseTable } from '../../../../local/stand-ins/seed-lease-table';
import { startOperatorStandIns, type OperatorStandIns } from '../../operator/operator-stand-ins';

const SHARD = (n: number): string => `shardId-${String(n).padStart(12, '0')}`;

describe('KCL lease-table reader (dynalite)', function () {
  this.timeout(60_000);
  let env: OperatorStandIns;
  const shards = Array.from({ length: 120 }, (_, i) => ({
    shardId: SHARD(i),
    startingHashKey: String(i * 1000),
    endingHashKey: String(i * 1000 + 999),
    ...(i >= 100 ? { parentShardIds: [SHARD(i - 100)] } : {}),
  }));

  before(async () => {
    env = await startOperatorStandIns();
  });
  after(async () => {
    await env?.stop();
  });

  it('reads every lease of a seeded table, sorted, with ranges and parents', async () => {
    const db = env.factory.dynamodb();
    expect(await seedLeaseTable(db, 'reader-app', shards, 2)).to.equal(true);
    const leases = await readLeases(db, 'reader-app');
    expect(leases.map((l) => l.leaseKey)).to.deep.equal(shards.map((s) => s.shardId));
    expect(leases[105]).to.deep.include({
      checkpoint: 'TRIM_HORIZON',
      startingHashKey: '105000',
      endingHashKey: '105999',
      parentShardIds: [SHARD(5)],
    });
  });

  it('reads one lease by key, and nothing for an unknown key', async () => {
    const db = env.factory.dynamodb();
    expect(await readLease(db, 'reader-app', SHARD(7))).to.deep.include({ shardId: SHARD(7), startingHashKey: '7000' });
    expect(await readLease(db, 'reader-app', 'shardId-999999999999')).to.equal(undefined);
  });

  it('gives the consumer guard the range the lease holds', async () => {
    const range = await lookupShardRange(
      {
        dynamodb: env.factory.dynamodb(),
        kinesis: env.factory.kinesis(),
        leaseTable: 'reader-app',
        streamName: 'none',
      },
      SHARD(3),
    );
    expect(range).to.deep.equal({ startingHashKey: 3000n, endingHashKey: 3999n });
  });

  it('reads a table that does not exist as no leases, and readLeases says so', async () => {
    expect(await readLeasesIfAny(env.factory.dynamodb(), 'no-such-app')).to.deep.equal([]);
    let failed: unknown;
    try {
      await readLeases(env.factory.dynamodb(), 'no-such-app');
    } catch (error: unknown) {
      failed = error;
    }
    expect((failed as Error | undefined)?.name).to.equal('ResourceNotFoundException');
  });
});
