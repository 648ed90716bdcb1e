// End-to-end harness: a fresh stream and lease table on the shared stand-ins, real KCL daemons of one generation; daemons stopped by PID.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { LocalStack } from '../../local/stand-ins/local-stack';
import {
  FAST_DAEMON_PROPERTIES,
  LOCAL_BATCH_MAX_AGE_MS,
  startLocalDaemon,
  type LocalDaemonOptions,
} from '../../local/wiring/local-daemon';
import { consumerEnv, type ConsumerSettings } from '../../consumer/config/consumer-settings';
import type { KclDaemon } from '../../daemon/kcl-daemon';
import { groupAlive } from '../../common/process/process-group';
import type { KclLease } from '../../common/kcl-lease/kcl-lease';
import { readLeasesIfAny } from '../../common/kcl-lease/lease-reader';
import { seedLeaseTable } from '../../local/stand-ins/seed-lease-table';
import { ensureStream, openShardsForSeeding } from '../../local/stand-ins/stream-setup';
import {
  KCL_GENERATIONS,
  kclGenerationFromEnv,
  parseKclGeneration,
  type KclGeneration,
} from '../../daemon/kcl-generation';
import { sharedStandIns, stopSharedStandIns } from './shared-stand-ins';
import type { KinesisTls } from '../../local/stand-ins/kinesis-tls';

export { E2E_BUCKET } from './shared-stand-ins';

// Root-level hook: the stand-ins shared by every harness stop once, after the last test file.
after(stopSharedStandIns);

/** Short failover so lease moves happen within a test; fast polling (the soaks use the same). */
export const E2E_PROPERTIES = FAST_DAEMON_PROPERTIES;

/**
 * The generations the e2e suite runs on: E2E_KCL_GENERATIONS ("2,3", the default, or one of them); a single
 * KCL_GENERATION narrows it to that one when E2E_KCL_GENERATIONS is unset.
 */
export function e2eGenerations(env: NodeJS.ProcessEnv = process.env): KclGeneration[] {
  const list = env.E2E_KCL_GENERATIONS;
  if (list === undefined || list === '')
    return env.KCL_GENERATION === undefined ? [...KCL_GENERATIONS] : [kclGenerationFromEnv(env)];
  const parsed = list.split(',').map((text) => parseKclGeneration(text.trim()));
  if (parsed.some((g) => g === undefined)) throw new Error(`E2E_KCL_GENERATIONS must list 2 and/or 3, got "${list}"`);
  return parsed as KclGeneration[];
}

export interface E2eOptions {
  readonly shards: number;
  readonly sinks: 'none' | 'all';
  /** Consumer settings over the harness's own (written by consumerEnv). */
  readonly consumerSettings?: ConsumerSettings;
  /** The KCL generation of every daemon this harness starts (default: the first of e2eGenerations()). */
  readonly generation?: KclGeneration;
}

export class E2eHarness {
  /** Unique per harness: the stand-ins are shared, so stream, lease table, archive prefix and record ids carry it. */
  public readonly id = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  public readonly streamName = `e2e-${this.id}`;
  public readonly applicationName = `${this.streamName}-app`;
  /** Archive keys of this harness's consumers start with this (then raw/, state/, errors/). */
  public readonly archivePrefix = `${this.streamName}`;
  public readonly daemons: KclDaemon[] = [];
  /** Every sequence number putRecords was given, in put order. */
  public readonly putSequences: string[] = [];
  public readonly generation: KclGeneration;

  private constructor(
    public readonly dir: string,
    public readonly stack: LocalStack,
    private readonly options: E2eOptions,
    private readonly sinkEnv: Readonly<Record<string, string>>,
    private readonly tls: KinesisTls,
  ) {
    this.generation = options.generation ?? e2eGenerations()[0] ?? 3;
  }

  public static async start(options: E2eOptions): Promise<E2eHarness> {
    const standIns = await sharedStandIns();
    const dir = path.join(standIns.dir, `run-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`);
    fs.mkdirSync(dir, { recursive: true });
    const harness = new E2eHarness(
      dir,
      standIns.stack,
      options,
      options.sinks === 'all' ? standIns.sinkEnv : {},
      standIns.tls,
    );
    await ensureStream(standIns.stack.factory.kinesis(), harness.streamName, options.shards);
    await seedLeaseTable(
      standIns.stack.factory.dynamodb(),
      harness.applicationName,
      await openShardsForSeeding(standIns.stack.factory.kinesis(), harness.streamName),
      harness.generation,
    );
    return harness;
  }

  /** What a daemon of this harness runs with (also what superviseDaemon takes). */
  public daemonOptions(workerId: string, overrides: Partial<LocalDaemonOptions> = {}): LocalDaemonOptions {
    return {
      endpoints: this.stack.endpoints,
      streamName: this.streamName,
      applicationName: this.applicationName,
      workerId,
      dir: this.dir,
      sinks: this.options.sinks,
      properties: E2E_PROPERTIES,
      generation: this.generation,
      // Used only by a daemon started with `retrieval: 'fanout'`.
      tls: this.tls,
      env: {
        ...consumerEnv({ batchMaxAgeMs: LOCAL_BATCH_MAX_AGE_MS }),
        ...this.sinkEnv,
        ...consumerEnv({
          archivePrefix: `${this.archivePrefix}/raw`,
          archiveStatePrefix: `${this.archivePrefix}/state`,
          archiveErrorPrefix: `${this.archivePrefix}/errors`,
        }),
        ...consumerEnv(this.options.consumerSettings ?? {}),
      },
      ...overrides,
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
      const out = await this.stack.factory.kinesis().send(
        new PutRecordsCommand({
          StreamName: this.streamName,
          Records: Array.from({ length: n }, (_, j) => ({
            PartitionKey: `pk-${firstId + i + j}`,
            Data: Buffer.from(
              JSON.stringify({
                record_id: `r${firstId + i + j}`,
                timestamp: new Date().toISOString(),
                vin: 'WVWZZZ1JZXW000001',
                lat: 52.5,
                lon: 13.4,
                speed: 50,
              }),
            ),
          })),
        }),
      );
      if ((out.FailedRecordCount ?? 0) > 0) throw new Error(`${out.FailedRecordCount} records failed`);
      out.Records?.forEach((r) => {
        if (r.ShardId !== undefined && r.SequenceNumber !== undefined) {
          last.set(r.ShardId, r.SequenceNumber);
          this.putSequences.push(r.SequenceNumber);
        }
      });
    }
    return last;
  }

  public leases(): Promise<KclLease[]> {
    return readLeasesIfAny(this.stack.factory.dynamodb(), this.applicationName);
  }

  /** Polls the lease table until `check` holds; throws with the last leases seen after `timeoutMs`. */
  public async waitForLeases(check: (leases: KclLease[]) => boolean, timeoutMs: number): Promise<KclLease[]> {
    const deadline = Date.now() + timeoutMs;
    let leases: KclLease[] = [];
    while (Date.now() < deadline) {
      leases = await this.leases();
      if (check(leases)) return leases;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`lease table never reached the expected state; last: ${JSON.stringify(leases)}`);
  }

  /** Stops every daemon (gracefully, then by force); the shared stand-ins stay up. True when no daemon left a process behind. */
  public async stop(): Promise<boolean> {
    await Promise.all(this.daemons.map((d) => d.stop(20_000)));
    const clean = this.daemons.every((d) => !groupAlive(d.pid));
    if (process.env.KEEP_E2E_DIR === undefined) fs.rmSync(this.dir, { recursive: true, force: true });
    return clean;
  }
}

/** True when `checkpoint` is a sequence number at or past `sequence` (sequence numbers compare as big integers). */
export function checkpointReached(checkpoint: string | null | undefined, sequence: string): boolean {
  return typeof checkpoint === 'string' && /^\d+$/.test(checkpoint) && BigInt(checkpoint) >= BigInt(sequence);
}
