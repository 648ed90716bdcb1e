// End-to-end harness: the local stack on free ports in a temporary folder, a stream, real KCL daemons; everything stopped by PID.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { freeStackPorts, startLocalStack, type LocalStack } from '../../local/local-stack';
import { LOCAL_ACCESS_KEY, startLocalDaemon, type LocalDaemonOptions } from '../../local/local-daemon';
import type { KclDaemon } from '../../local/kcl-daemon';
import { groupAlive } from '../../local/process-group';
import { readLeasesIfAny, seedLeaseTable, type Lease } from '../../local/lease-table';
import { ensureStream, openShardsForSeeding } from '../../local/stream-setup';
import { createLocalTables, localSinkEnv } from '../../local/local-sinks';

/** Short failover so lease moves happen within a test; fast polling. */
export const E2E_PROPERTIES: Readonly<Record<string, string>> = {
  failoverTimeMillis: '4000',
  idleTimeBetweenReadsInMillis: '250',
  parentShardPollIntervalMillis: '1000',
  shutdownGraceMillis: '15000',
};

export const E2E_BUCKET = 'e2e-archive';

export interface E2eOptions {
  readonly shards: number;
  readonly sinks: 'none' | 'all';
  readonly consumerEnv?: Readonly<Record<string, string>>;
}

export class E2eHarness {
  public readonly streamName = `e2e-${process.pid}-${Date.now().toString(36)}`;
  public readonly applicationName = `${this.streamName}-app`;
  public readonly daemons: KclDaemon[] = [];

  private constructor(public readonly dir: string, public readonly stack: LocalStack, private readonly options: E2eOptions, private readonly sinkEnv: Readonly<Record<string, string>>) {}

  public static async start(options: E2eOptions): Promise<E2eHarness> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-e2e-'));
    // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder (mkdtemp makes it 0700).
    fs.chmodSync(dir, 0o711);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY });
    const stack = await startLocalStack({ dir, ports: await freeStackPorts(), sinks: options.sinks === 'all', buckets: [E2E_BUCKET], persist: false });
    const postgresUrl = stack.endpoints.postgresUrl;
    let sinkEnv: Record<string, string> = {};
    if (postgresUrl !== undefined) {
      await createLocalTables(postgresUrl);
      sinkEnv = localSinkEnv(E2E_BUCKET, postgresUrl);
    }
    const harness = new E2eHarness(dir, stack, options, sinkEnv);
    await ensureStream(stack.factory.kinesis(), harness.streamName, options.shards);
    await seedLeaseTable(stack.factory.dynamodb(), harness.applicationName, await openShardsForSeeding(stack.factory.kinesis(), harness.streamName));
    return harness;
  }

  /** What a daemon of this harness runs with (also what superviseDaemon takes). */
  public daemonOptions(workerId: string, overrides: Partial<LocalDaemonOptions> = {}): LocalDaemonOptions {
    return {
      endpoints: this.stack.endpoints, streamName: this.streamName, applicationName: this.applicationName, workerId,
      dir: this.dir, sinks: this.options.sinks, properties: E2E_PROPERTIES, env: { BATCH_MAX_AGE_MS: '1000', ...this.sinkEnv, ...this.options.consumerEnv }, ...overrides,
    };
  }

  public startDaemon(workerId: string, overrides: Partial<LocalDaemonOptions> = {}): KclDaemon {
    const daemon = startLocalDaemon(this.daemonOptions(workerId, overrides));
    this.daemons.push(daemon);
    return daemon;
  }

  /** Puts `count` plain JSON records (ids from `firstId`), 100 per PutRecords call; returns the sequence number per shard of the last one. */
  public async putRecords(count: number, firstId = 0): Promise<Map<string, string>> {
    const last = new Map<string, string>();
    for (let i = 0; i < count; i += 100) {
      const n = Math.min(100, count - i);
      const out = await this.stack.factory.kinesis().send(new PutRecordsCommand({
        StreamName: this.streamName,
        Records: Array.from({ length: n }, (_, j) => ({ PartitionKey: `pk-${firstId + i + j}`, Data: Buffer.from(JSON.stringify({ record_id: `r${firstId + i + j}`, timestamp: new Date().toISOString(), vin: 'WVWZZZ1JZXW000001', lat: 52.5, lon: 13.4, speed: 50 })) })),
      }));
      if ((out.FailedRecordCount ?? 0) > 0) throw new Error(`${out.FailedRecordCount} records failed`);
      out.Records?.forEach((r) => { if (r.ShardId !== undefined && r.SequenceNumber !== undefined) last.set(r.ShardId, r.SequenceNumber); });
    }
    return last;
  }

  public leases(): Promise<Lease[]> {
    return readLeasesIfAny(this.stack.factory.dynamodb(), this.applicationName);
  }

  /** Polls the lease table until `check` holds; throws with the last leases seen after `timeoutMs`. */
  public async waitForLeases(check: (leases: Lease[]) => boolean, timeoutMs: number): Promise<Lease[]> {
    const deadline = Date.now() + timeoutMs;
    let leases: Lease[] = [];
    while (Date.now() < deadline) {
      leases = await this.leases();
      if (check(leases)) return leases;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`lease table never reached the expected state; last: ${JSON.stringify(leases)}`);
  }

  /** Stops every daemon (gracefully, then by force) and every stand-in; true when no daemon left a process behind. */
  public async stop(): Promise<boolean> {
    await Promise.all(this.daemons.map((d) => d.stop(20_000)));
    const clean = this.daemons.every((d) => !groupAlive(d.pid));
    await this.stack.stop();
    if (process.env.KEEP_E2E_DIR === undefined) fs.rmSync(this.dir, { recursive: true, force: true });
    return clean;
  }
}

/** True when `checkpoint` is a sequence number at or past `sequence` (sequence numbers compare as big integers). */
export function checkpointReached(checkpoint: string | undefined, sequence: string): boolean {
  return checkpoint !== undefined && /^\d+$/.test(checkpoint) && BigInt(checkpoint) >= BigInt(sequence);
}
