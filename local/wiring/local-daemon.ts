// Runs the KCL daemon against the local stack: renders the effective properties file and the consumer's environment.
import * as path from 'node:path';
import { writeEffectiveProperties } from '../../daemon/kcl-properties/properties-file';
import { DEFAULT_JAVA_OPTIONS, startKclDaemon, type KclDaemon } from '../../daemon/kcl-daemon';
import { trustStoreJavaOptions, type KinesisTls } from '../stand-ins/kinesis-tls';
import type { StackEndpoints } from '../stand-ins/local-stack';
import { localAwsEnv } from '../../common/aws/local-or-cloud';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import { DEFAULT_KCL_GENERATION, localPropertiesTemplate, type KclGeneration } from '../../daemon/kcl-generation';
import { AwsClientFactory } from '../../common/aws/client-factory';
import {
  deleteDeadWorkersMetrics,
  releaseDeadWorkersLeaderLock,
  type LeaderLockOutcome,
} from '../../daemon/leader-lock';

/**
 * Locally a batch is flushed (and checkpointed) after 1 s instead of the consumer's 10 s default: a post reaches the
 * dashboard about a second after the processor gets it, and a shard still writes at most one archive object per second
 * (the freshness bench checks both). Production keeps 10 s: fewer, larger objects and loads (docs/benchmarks-and-soaks.md, "Freshness").
 */
export const LOCAL_BATCH_MAX_AGE_MS = 1000;

/** Short failover and fast polling, so lease moves and reshards settle within a soak or an e2e test. */
export const FAST_DAEMON_PROPERTIES: Readonly<Record<string, string>> = {
  failoverTimeMillis: '4000',
  idleTimeBetweenReadsInMillis: '250',
  parentShardPollIntervalMillis: '1000',
  shutdownGraceMillis: '15000',
};

export interface LocalDaemonOptions {
  readonly endpoints: StackEndpoints;
  readonly streamName: string;
  readonly applicationName: string;
  readonly workerId: string;
  /** Where the effective properties file, the daemon log and the consumer logs go. */
  readonly dir: string;
  /** `none` (dry run) or `all`. */
  readonly sinks: 'none' | 'all';
  /** More properties for this run (for example a shorter failoverTimeMillis in tests). */
  readonly properties?: Readonly<Record<string, string>>;
  /** More environment for the consumer children (sink settings, batch policy). */
  readonly env?: Readonly<Record<string, string>>;
  /** The KCL generation: its jars and, unless `template` is given, its local properties template (default DEFAULT_KCL_GENERATION). */
  readonly generation?: KclGeneration;
  readonly template?: string;
  /**
   * `polling` (default): GetRecords over plain HTTP. `fanout`: the KCL's enhanced fan-out (RegisterStreamConsumer,
   * SubscribeToShard over HTTP/2) against the stand-in's TLS endpoint, trusted through `tls`'s trust store.
   */
  readonly retrieval?: RetrievalMode;
  /** Required with `fanout`: the stand-in's TLS files (the stack must have been started with them). */
  readonly tls?: KinesisTls;
}

export const RETRIEVAL_MODES = ['polling', 'fanout'] as const;
export type RetrievalMode = (typeof RETRIEVAL_MODES)[number];

/** The environment the daemon passes to every consumer child: local endpoints and dummy credentials only. */
export function localConsumerEnv(options: LocalDaemonOptions): Record<string, string> {
  const { endpoints } = options;
  return {
    // Dummy keys (s3rver insists on S3RVER; the others accept any): real credentials in the caller's environment never reach the stand-ins.
    ...localAwsEnv(endpoints),
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    ...consumerEnv({
      streamName: options.streamName,
      applicationName: options.applicationName,
      sinks: options.sinks,
      logDir: path.join(options.dir, 'logs', 'consumer'),
      batchMaxAgeMs: LOCAL_BATCH_MAX_AGE_MS,
    }),
    ...options.env,
  };
}

/** Renders `<dir>/<workerId>.properties` from the template and starts the daemon with it. */
export function startLocalDaemon(options: LocalDaemonOptions): KclDaemon {
  const file = path.join(options.dir, `kcl-${options.workerId}.properties`);
  const generation = options.generation ?? DEFAULT_KCL_GENERATION;
  const fanout = options.retrieval === 'fanout';
  if (fanout && (options.tls === undefined || options.endpoints.kinesisTls === undefined))
    throw new Error('enhanced fan-out needs the Kinesis stand-in started with its TLS certificate (kinesisTls)');
  writeEffectiveProperties(options.template ?? localPropertiesTemplate(generation), file, {
    streamName: options.streamName,
    applicationName: options.applicationName,
    workerId: options.workerId,
    kinesisEndpoint: fanout ? (options.endpoints.kinesisTls ?? '') : options.endpoints.kinesis,
    ...(fanout ? { retrievalMode: 'FANOUT' } : {}),
    dynamoDBEndpoint: options.endpoints.dynamodb,
    regionName: options.endpoints.region,
    ...options.properties,
  });
  const daemon = startKclDaemon({
    propertiesFile: file,
    generation,
    logFile: path.join(options.dir, 'logs', `daemon-${options.workerId}.log`),
    env: localConsumerEnv(options),
    // A plain property (not a spread) so that the compiler catches it if the option ever goes away.
    javaOptions:
      fanout && options.tls !== undefined
        ? [...DEFAULT_JAVA_OPTIONS, ...trustStoreJavaOptions(options.tls)]
        : DEFAULT_JAVA_OPTIONS,
  });
  if (generation !== 3) return daemon;
  // A KCL 3 daemon that dies keeps the leader lock for 2 minutes (daemon/leader-lock.ts): once the JVM is gone, before
  // `exited` resolves, release it, so a restart (or the other workers) leads at once. A daemon stopped for good also
  // looks alive to the leader for a minute: stop() deletes its metrics entry, so no lease is assigned to it. (Not after
  // a crash: the supervisor restarts the same workerId, which keeps its leases and its entry.)
  const exited = daemon.exited.then(async (exit) => {
    await releaseLocalLeaderLock(options).catch(() => 'none');
    return exit;
  });
  return {
    ...daemon,
    exited,
    stop: async (graceMs) => {
      await daemon.stop(graceMs);
      const exit = await exited;
      await releaseLocalLeaderLock(options, { forgetWorker: true }).catch(() => 'none');
      return exit;
    },
  };
}

/**
 * Releases the KCL 3 leader lock if the daemon `options.workerId` (dead, or not started yet) still holds it: call before
 * starting a daemon in place of one that may have crashed. `forgetWorker` (the daemon was stopped for good): also
 * deletes its WorkerMetricStats entry. No-op for KCL 2 and when no lock or table exists.
 */
export async function releaseLocalLeaderLock(
  options: LocalDaemonOptions,
  after: { forgetWorker?: boolean } = {},
): Promise<LeaderLockOutcome> {
  if ((options.generation ?? DEFAULT_KCL_GENERATION) !== 3) return 'none';
  const factory = new AwsClientFactory({
    region: options.endpoints.region,
    endpoints: { dynamodb: options.endpoints.dynamodb },
    s3ForcePathStyle: true,
  });
  try {
    const target = {
      dynamodb: factory.dynamodb(),
      coordinatorStateTable:
        options.properties?.coordinatorStateTableName ?? `${options.applicationName}-CoordinatorState`,
      workerMetricsTable: options.properties?.workerMetricsTableName ?? `${options.applicationName}-WorkerMetricStats`,
      workerId: options.workerId,
    };
    if (after.forgetWorker === true) await deleteDeadWorkersMetrics(target);
    return await releaseDeadWorkersLeaderLock(target);
  } finally {
    factory.destroy();
  }
}
