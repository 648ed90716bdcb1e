// One soak run's pipeline: a fresh stream on the soak stack, the supervised real daemon, traced tweets and poison, delivery checks.
import { randomBytes } from 'node:crypto';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import { DeleteStreamCommand } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../common/logger';
import { createProducer, type KinesisProducer } from '../../producer';
import { ensureStream, openShardsForSeeding } from '../stand-ins/stream-setup';
import { readLeasesIfAny } from '../../common/kcl-lease/lease-reader';
import { seedLeaseTable } from '../stand-ins/seed-lease-table';
import { DEFAULT_KCL_GENERATION, type KclGeneration } from '../../daemon/kcl-generation';
import { createLocalTables, localSinkEnv, LOCAL_POSTS_TABLE } from '../wiring/local-sinks';
import { FAST_DAEMON_PROPERTIES, LOCAL_BATCH_MAX_AGE_MS, type LocalDaemonOptions } from '../wiring/local-daemon';
import { superviseDaemon } from '../wiring/supervised-daemon';
import type { Supervisor } from '../supervisor';
import { tracedTweet, type TracedRecord } from '../trace/traced-producer';
import { countPostRows, readArchiveLines, readPostRows } from '../trace/delivery-reader';
import { reconcile, type Reconciliation } from '../trace/reconciliation';
import { sleep } from '../../common/sleep';
import { countDeadLetters, type DeadLetterCount } from './dead-letter-count';
import type { SoakStack } from './soak-stack';

export const SOAK_BUCKET = 'soak-archive';

/**
 * The e2e suite's fast failover, with reads bounded for kinesis-local on a shared machine: in `npm run chaos --
 * --faults 20 --seed 11` child shards left unread for minutes were read from TRIM_HORIZON with the KCL's default
 * 10,000 records (1.8 MB responses); the CPU-starved emulator took longer than the daemon's request timeout, the SDK
 * pool ran out of connections ("Acquire operation took longer than the configured maximum time") and delivery stood
 * still for 3 minutes. 1,000 records a call every 500 ms still reads 2,000 records/s per shard, 40 times the soak's
 * rate (docs/reliability.md).
 */
export const SOAK_PROPERTIES: Readonly<Record<string, string>> = {
  ...FAST_DAEMON_PROPERTIES,
  idleTimeBetweenReadsInMillis: '500',
  maxRecords: '1000',
};

export interface SoakPipelineOptions {
  readonly stack: SoakStack;
  readonly dir: string;
  readonly shards: number;
  readonly logger: Logger;
  /** Extra consumer environment (e.g. SHARD_RANGE_FILTER=off to measure without the guard). */
  readonly consumerEnv?: Readonly<Record<string, string>>;
  /** The KCL generation the daemon runs (default DEFAULT_KCL_GENERATION). */
  readonly generation?: KclGeneration;
}

export class SoakPipeline {
  public readonly records: TracedRecord[] = [];
  public poisonSent = 0;
  /** Poison records the producer gave up on (not in Kinesis, so not expected as dead letters). */
  public poisonFailures = 0;
  public sendFailures = 0;
  private next = 0;
  private sending: Promise<void> | undefined;
  private stopSending = false;

  private constructor(
    private readonly options: SoakPipelineOptions,
    public readonly runId: string,
    public readonly streamName: string,
    public readonly applicationName: string,
    public readonly supervisor: Supervisor,
    private readonly producer: KinesisProducer,
  ) {}

  public static async start(options: SoakPipelineOptions): Promise<SoakPipeline> {
    const { stack } = options;
    const runId = `soak${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const streamName = `${runId}-stream`;
    const applicationName = `${runId}-app`;
    const kinesis = stack.factory.kinesis();
    await ensureStream(kinesis, streamName, options.shards);
    await seedLeaseTable(
      stack.factory.dynamodb(),
      applicationName,
      await openShardsForSeeding(kinesis, streamName),
      options.generation ?? DEFAULT_KCL_GENERATION,
    );
    await createLocalTables(stack.postgresUrl);
    const supervisor = await superviseDaemon({
      daemon: SoakPipeline.daemonOptions(options, runId, streamName, applicationName, 'soak-worker'),
      logger: options.logger.child({ component: 'supervisor' }),
      restartPolicy: { baseDelayMs: 1_000, maxDelayMs: 8_000, resetAfterMs: 30_000 },
      stopGraceMs: 30_000,
    });
    const producer = await createProducer({
      streamName,
      kinesis,
      logger: options.logger.child({ component: 'producer' }),
    });
    return new SoakPipeline(options, runId, streamName, applicationName, supervisor, producer);
  }

  /** What a daemon of this run starts with (a second worker passes its own id). */
  public static daemonOptions(
    options: SoakPipelineOptions,
    runId: string,
    streamName: string,
    applicationName: string,
    workerId: string,
  ): LocalDaemonOptions {
    const { stack } = options;
    const env = {
      ...localSinkEnv(SOAK_BUCKET, stack.postgresUrl),
      ...consumerEnv({
        archivePrefix: `${runId}/raw`,
        archiveStatePrefix: `${runId}/state`,
        archiveErrorPrefix: `${runId}/errors`,
      }),
      ...consumerEnv({ batchMaxAgeMs: LOCAL_BATCH_MAX_AGE_MS }),
      ...options.consumerEnv,
    };
    return {
      endpoints: { ...stack.base.endpoints, s3: stack.s3Endpoint, postgresUrl: stack.postgresUrl },
      streamName,
      applicationName,
      workerId,
      dir: options.dir,
      sinks: 'all',
      properties: SOAK_PROPERTIES,
      env,
      generation: options.generation ?? DEFAULT_KCL_GENERATION,
    };
  }

  public daemonOptions(workerId: string): LocalDaemonOptions {
    return SoakPipeline.daemonOptions(this.options, this.runId, this.streamName, this.applicationName, workerId);
  }

  /** Starts sending traced tweets at `ratePerSecond` until stopProducing(). */
  public startProducing(ratePerSecond: number): void {
    this.stopSending = false;
    this.sending = this.produceLoop(ratePerSecond);
  }

  /** Stops the loop and waits until every record handed to the producer is settled. */
  public async stopProducing(): Promise<void> {
    this.stopSending = true;
    await this.sending;
    await this.producer.flush();
  }

  /** Sends `count` records the consumer must dead-letter (not JSON, not a vehicle line), each with a traceable id. */
  public async sendPoison(count: number): Promise<void> {
    const puts: Promise<unknown>[] = [];
    for (let i = 0; i < count; i += 1) {
      const id = `${this.runId}-p${this.poisonSent + i}`;
      puts.push(
        this.producer.put({
          partitionKey: `${id}-${Math.random().toString(36).slice(2)}`,
          data: `{"poison": ${id} <- not JSON`,
        }),
      );
    }
    this.poisonSent += count;
    // No flush here: flush waits until the producer is idle, which never happens while the tweet loop runs.
    const settled = await Promise.allSettled(puts);
    this.poisonFailures += settled.filter((s) => s.status === 'rejected').length;
  }

  public rowCount(): Promise<number> {
    return countPostRows(this.options.stack.postgresUrl, LOCAL_POSTS_TABLE, `${this.runId}-`);
  }

  /**
   * Tweets reconciled against both sinks; the raw archive holds the poison records too (every record is archived),
   * so their lines are taken out first: a poison id archived twice counts as a duplicate, one not archived as missing.
   */
  public async reconcile(): Promise<Reconciliation> {
    const s3 = this.options.stack.factory.s3();
    const lines = await readArchiveLines(s3, SOAK_BUCKET, `${this.runId}/raw/`);
    const pattern = new RegExp(`^\\{"poison": (${this.runId}-p\\d+) `);
    const poison = new Map<string, number>();
    const tweets = lines.filter(({ line }) => {
      const id = line.dataEncoding === 'utf8' ? pattern.exec(line.data)?.[1] : undefined;
      if (id !== undefined) poison.set(id, (poison.get(id) ?? 0) + 1);
      return id === undefined;
    });
    const r = reconcile(
      this.records,
      tweets,
      await readPostRows(this.options.stack.postgresUrl, LOCAL_POSTS_TABLE, `${this.runId}-`),
    );
    const poisonDuplicates = [...poison.values()].reduce((n, copies) => n + copies - 1, 0);
    const poisonMissing = Math.max(0, this.poisonSent - this.poisonFailures - poison.size);
    return { ...r, duplicates: r.duplicates + poisonDuplicates, missing: r.missing + poisonMissing };
  }

  /**
   * Of the tweets `r` finds missing, those at or behind their shard's checkpoint (or on a finished shard): the sinks
   * should hold them, so they are lost. The others were not read before the run stopped (still in the stream).
   */
  public async missingBehindCheckpoint(r: Reconciliation): Promise<number> {
    const missing = new Set([...r.details.missingFromArchive, ...r.details.missingFromTable]);
    if (missing.size === 0) return 0;
    const leases = new Map(
      (await readLeasesIfAny(this.options.stack.factory.dynamodb(), this.applicationName)).map((l) => [
        l.leaseKey,
        l.checkpoint,
      ]),
    );
    return this.records.filter(({ id, result }) => {
      if (!missing.has(id)) return false;
      const checkpoint = leases.get(result.shardId);
      return (
        checkpoint === 'SHARD_END' ||
        (typeof checkpoint === 'string' &&
          /^\d+$/.test(checkpoint) &&
          BigInt(checkpoint) >= BigInt(result.sequenceNumber))
      );
    }).length;
  }

  public deadLetters(): Promise<DeadLetterCount> {
    return countDeadLetters(this.options.stack.factory.s3(), SOAK_BUCKET, `${this.runId}/errors/`, this.runId);
  }

  /** Polls until every traced record is archived and loaded and every poison record dead-lettered, or `timeoutMs` passes. */
  public async waitForDelivery(timeoutMs: number, progress: (line: string) => void): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let lastReport = 0;
    while (Date.now() < deadline) {
      const rows = await this.rowCount().catch(() => -1);
      if (rows >= this.records.length) {
        const r = await this.reconcile().catch(() => undefined);
        const dead = await this.deadLetters().catch(() => undefined);
        if (r !== undefined && r.missing === 0 && dead !== undefined && dead.poisonIds >= this.poisonSent) return true;
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        progress(`waiting for delivery: ${rows}/${this.records.length} rows loaded`);
      }
      await sleep(1_000);
    }
    return false;
  }

  /** Stops the producer and the supervised daemon (processors checkpoint on the graceful stop). */
  public async stop(): Promise<void> {
    await this.producer.close().catch(() => undefined);
    await this.supervisor.stop();
  }

  /** Deletes the run's stream (after stop and reconcile): kinesis-local counts every open shard against an account limit (50). */
  public async deleteStream(): Promise<void> {
    await this.options.stack.factory
      .kinesis()
      .send(new DeleteStreamCommand({ StreamName: this.streamName, EnforceConsumerDeletion: true }));
  }

  private async produceLoop(ratePerSecond: number): Promise<void> {
    const started = Date.now();
    const first = this.next;
    const pending = new Set<Promise<void>>();
    while (!this.stopSending) {
      const wait = started + ((this.next - first) * 1_000) / ratePerSecond - Date.now();
      if (wait >= 5) await sleep(Math.min(wait, 200));
      if (this.stopSending) break;
      if (Date.now() < started + ((this.next - first) * 1_000) / ratePerSecond) continue;
      await this.producer.waitForCapacity();
      const index = this.next;
      this.next += 1;
      const id = `${this.runId}-${index}`;
      const producedAtMs = Date.now();
      const put = this.producer
        .put({
          partitionKey: `${id}-${Math.random().toString(36).slice(2)}`,
          data: tracedTweet(id, index, producedAtMs),
        })
        .then(
          (result) => {
            this.records.push({ id, producedAtMs, acceptedAtMs: Date.now(), result });
          },
          () => {
            this.sendFailures += 1;
          },
        )
        .finally(() => pending.delete(put));
      pending.add(put);
    }
    await this.producer.flush();
    await Promise.all([...pending]);
  }
}
