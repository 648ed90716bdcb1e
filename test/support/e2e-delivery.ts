// E2E traffic and its reconciliation: traced tweets through our aggregating producer, then both sinks read back and compared.
import { expect } from 'chai';
import { createProducer, type KinesisProducer } from '../../producer';
import { sleep } from '../../common/sleep';
import { countPostRows, readArchiveLines, readPostRows } from '../../local/trace/delivery-reader';
import { reconcile, type Reconciliation } from '../../local/trace/reconciliation';
import { sendTracedTweets, type TracedRecord } from '../../local/trace/traced-producer';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { E2E_BUCKET, type E2eHarness } from './e2e-harness';

export class E2eTraffic {
  public readonly records: TracedRecord[] = [];
  private next = 0;

  private constructor(
    private readonly harness: E2eHarness,
    private readonly producer: KinesisProducer,
    public readonly runId: string,
  ) {}

  /** A KPL-aggregating producer on the harness's stream (shard map from ListShards, refreshed on reshard). */
  public static async open(harness: E2eHarness, label = 'e2e'): Promise<E2eTraffic> {
    // Record ids are `<runId>-<index>`; the harness id keeps them apart from other runs on the shared stand-ins.
    const runId = `${label}-${harness.id}`;
    const producer = await createProducer({
      streamName: harness.streamName,
      kinesis: harness.stack.factory.kinesis(),
      options: { aggregationEnabled: true, recordMaxBufferedTime: 100 },
    });
    return new E2eTraffic(harness, producer, runId);
  }

  /** Sends `count` more tweets; throws if Kinesis refused any (the test would then prove nothing). */
  public async send(count: number, ratePerSecond?: number): Promise<TracedRecord[]> {
    const { accepted, failed } = await sendTracedTweets(this.producer, {
      count,
      runId: this.runId,
      firstIndex: this.next,
      ...(ratePerSecond === undefined ? {} : { ratePerSecond }),
    });
    this.next += count;
    this.records.push(...accepted);
    if (failed > 0) throw new Error(`${failed} of ${count} records were not accepted by Kinesis`);
    return accepted;
  }

  /** The highest sequence number put to each shard. */
  public lastSequenceByShard(): Map<string, string> {
    const last = new Map<string, string>();
    for (const { result } of this.records) {
      const seen = last.get(result.shardId);
      if (seen === undefined || BigInt(result.sequenceNumber) > BigInt(seen))
        last.set(result.shardId, result.sequenceNumber);
    }
    return last;
  }

  public async close(): Promise<void> {
    await this.producer.close();
  }

  public rowCount(): Promise<number> {
    return countPostRows(this.postgresUrl(), LOCAL_POSTS_TABLE, `${this.runId}-`);
  }

  /** Both sinks read back and reconciled with everything sent so far. */
  public async reconcile(): Promise<Reconciliation> {
    const lines = await readArchiveLines(
      this.harness.stack.factory.s3(),
      E2E_BUCKET,
      `${this.harness.archivePrefix}/raw/`,
    );
    const rows = await readPostRows(this.postgresUrl(), LOCAL_POSTS_TABLE, `${this.runId}-`);
    return reconcile(this.records, lines, rows);
  }

  /** Polls the table (cheap), then the archive, until every record sent is in both; returns the reconciliation. */
  public async waitForDelivery(timeoutMs: number): Promise<Reconciliation> {
    const deadline = Date.now() + timeoutMs;
    let last: Reconciliation | undefined;
    while (Date.now() < deadline) {
      if ((await this.rowCount()) >= this.records.length) {
        last = await this.reconcile();
        if (last.missing === 0) return last;
      }
      await sleep(1_000);
    }
    const leases = (await this.harness.leases()).map((l) => ({
      shard: l.leaseKey,
      owner: l.leaseOwner,
      checkpoint: l.checkpoint,
      parents: l.parentShardIds,
    }));
    throw new Error(
      `not every record arrived within ${timeoutMs} ms: ${JSON.stringify(summary(last ?? (await this.reconcile())))}; leases: ${JSON.stringify(leases)}`,
    );
  }

  private postgresUrl(): string {
    const url = this.harness.stack.endpoints.postgresUrl;
    if (url === undefined) throw new Error('the harness runs without sinks');
    return url;
  }
}

/** The counts of a reconciliation, with only the first few ids of each list (for failure messages). */
export function summary(r: Reconciliation): Record<string, unknown> {
  const d = r.details;
  return {
    ...r,
    details: {
      ...d,
      missingFromArchive: d.missingFromArchive.slice(0, 5),
      missingFromTable: d.missingFromTable.slice(0, 5),
      identityMismatches: d.identityMismatches.slice(0, 5),
    },
  };
}

/** Every record sent is in the archive and the table exactly once, at the identity the producer was told. */
export function expectExactlyOnce(r: Reconciliation, produced: number): void {
  const why = JSON.stringify(summary(r));
  expect(r.produced, why).to.equal(produced);
  expect(
    {
      archived: r.archived,
      loaded: r.loaded,
      duplicates: r.duplicates,
      missing: r.missing,
      unexpected: r.details.unexpected,
      identityMismatches: r.details.identityMismatches.length,
    },
    why,
  ).to.deep.equal({
    archived: produced,
    loaded: produced,
    duplicates: 0,
    missing: 0,
    unexpected: 0,
    identityMismatches: 0,
  });
}
