// The one builder of a local pipeline on a started stack: stream, lease table, sink tables, then the daemon's options and its supervisor.
import type { AwsClientFactory } from '../../common/aws/client-factory';
import type { Logger } from '../../common/logger';
import type { PidRegistry } from '../../common/process/pid-registry';
import { consumerEnv, type ConsumerSettings } from '../../consumer/config/consumer-settings';
import type { KclGeneration } from '../../daemon/kcl-generation';
import type { KinesisTls } from '../stand-ins/kinesis-tls';
import type { StackEndpoints } from '../stand-ins/local-stack';
import { seedLeaseTable } from '../stand-ins/seed-lease-table';
import { ensureStream, openShardsForSeeding } from '../stand-ins/stream-setup';
import type { RestartPolicy, Supervisor } from '../supervisor';
import type { LocalDaemonOptions, RetrievalMode } from './local-daemon';
import { localMetricsEnv } from './local-metrics';
import { createLocalTables, localSinkEnv } from './local-sinks';
import { superviseDaemon } from './supervised-daemon';

export interface LocalPipelineSpec {
  /** The started stand-ins: clients, and the endpoints the daemon and its consumers are given. */
  readonly stack: { readonly factory: AwsClientFactory; readonly endpoints: StackEndpoints };
  /** Where the effective properties, the daemon log and the consumer logs go. */
  readonly dir: string;
  readonly streamName: string;
  /** The lease table (and KCL application) name. */
  readonly applicationName: string;
  /** Shards of the stream when it is created (an existing stream is kept as it is). */
  readonly shards: number;
  readonly generation: KclGeneration;
  /**
   * Both sinks on the stack's s3rver and PostgreSQL (SINKS=all), with `bucket` for the archive; `curated` adds the
   * curated Parquet dataset; `createTables: false` when the tables exist already (the e2e suite's shared stand-ins).
   * Absent: SINKS=none (a dry run; the stack may have no sinks).
   */
  readonly sinks?: { readonly bucket: string; readonly curated?: boolean; readonly createTables?: boolean };
  /** The run's own archive keys: `<prefix>/raw`, `<prefix>/state`, `<prefix>/errors` (runs sharing one bucket). */
  readonly archivePrefix?: string;
  /** The consumers' metrics into the local store at `dir` (flushed every `flushIntervalMs`, default 10 s). */
  readonly metrics?: { readonly dir: string; readonly flushIntervalMs?: number };
  /** Consumer settings over everything above (batch policy, SHARD_RANGE_FILTER, ...). */
  readonly consumer?: ConsumerSettings;
  /** More consumer environment, last (a soak's raw variables). */
  readonly consumerEnv?: Readonly<Record<string, string>>;
  /** Daemon properties over the template (fast failover in tests and soaks). */
  readonly properties?: Readonly<Record<string, string>>;
  readonly retrieval?: RetrievalMode;
  /** The stand-in's TLS files, for a daemon started with `retrieval: 'fanout'`. */
  readonly tls?: KinesisTls;
}

export interface DaemonSupervision {
  readonly logger: Logger;
  readonly registry?: PidRegistry;
  readonly restartPolicy?: RestartPolicy;
  readonly readyTimeoutMs?: number;
  readonly stopGraceMs?: number;
}

export interface LocalPipeline {
  /** True when this call created the stream (false: it existed, as on a second `npm start`). */
  readonly streamCreated: boolean;
  /** True when this call created the lease table (false: the daemon resumes from its checkpoints). */
  readonly leaseTableCreated: boolean;
  /** The sink tables created (none without sinks or with `createTables: false`). */
  readonly tables: readonly string[];
  /** What a daemon of this pipeline runs with; a second worker passes its own id, a test its overrides. */
  daemonOptions(workerId: string, overrides?: Partial<LocalDaemonOptions>): LocalDaemonOptions;
  /** Starts the daemon `workerId` under a supervisor (restarted when it exits) and waits until its scheduler runs. */
  supervise(workerId: string, supervision: DaemonSupervision): Promise<Supervisor>;
}

/**
 * Creates what a local run needs before a daemon starts, in the order every run used: the stream (if absent), its lease
 * table seeded with the open shards (if absent), the sink tables; then hands out the daemon's options with the consumer
 * environment (sinks, archive prefix, metrics, settings) written through consumerEnv.
 */
export async function prepareLocalPipeline(spec: LocalPipelineSpec): Promise<LocalPipeline> {
  const kinesis = spec.stack.factory.kinesis();
  const streamCreated = await ensureStream(kinesis, spec.streamName, spec.shards);
  const leaseTableCreated = await seedLeaseTable(
    spec.stack.factory.dynamodb(),
    spec.applicationName,
    await openShardsForSeeding(kinesis, spec.streamName),
    spec.generation,
  );
  const postgresUrl = spec.stack.endpoints.postgresUrl ?? '';
  const tables =
    spec.sinks === undefined || spec.sinks.createTables === false ? [] : await createLocalTables(postgresUrl);
  const env: Record<string, string> = {
    ...(spec.sinks === undefined
      ? {}
      : localSinkEnv(spec.sinks.bucket, postgresUrl, { curated: spec.sinks.curated === true })),
    ...(spec.archivePrefix === undefined
      ? {}
      : consumerEnv({
          archivePrefix: `${spec.archivePrefix}/raw`,
          archiveStatePrefix: `${spec.archivePrefix}/state`,
          archiveErrorPrefix: `${spec.archivePrefix}/errors`,
        })),
    ...(spec.metrics === undefined ? {} : localMetricsEnv(spec.metrics.dir, spec.metrics.flushIntervalMs)),
    ...consumerEnv(spec.consumer ?? {}),
    ...spec.consumerEnv,
  };
  const daemonOptions = (workerId: string, overrides: Partial<LocalDaemonOptions> = {}): LocalDaemonOptions => ({
    endpoints: spec.stack.endpoints,
    streamName: spec.streamName,
    applicationName: spec.applicationName,
    workerId,
    dir: spec.dir,
    sinks: spec.sinks === undefined ? 'none' : 'all',
    env,
    generation: spec.generation,
    ...(spec.properties === undefined ? {} : { properties: spec.properties }),
    ...(spec.retrieval === undefined ? {} : { retrieval: spec.retrieval }),
    ...(spec.tls === undefined ? {} : { tls: spec.tls }),
    ...overrides,
  });
  return {
    streamCreated,
    leaseTableCreated,
    tables,
    daemonOptions,
    supervise: (workerId, supervision) =>
      superviseDaemon({
        daemon: daemonOptions(workerId),
        logger: supervision.logger,
        ...(supervision.registry === undefined ? {} : { registry: supervision.registry }),
        ...(supervision.restartPolicy === undefined ? {} : { restartPolicy: supervision.restartPolicy }),
        ...(supervision.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: supervision.readyTimeoutMs }),
        ...(supervision.stopGraceMs === undefined ? {} : { stopGraceMs: supervision.stopGraceMs }),
      }),
  };
}
