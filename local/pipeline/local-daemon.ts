// Runs the KCL daemon against the local stack: renders the effective properties file and the consumer's environment.
import * as path from 'node:path';
import { writeEffectiveProperties } from '../../daemon/properties/properties-file';
import { DEFAULT_JAVA_OPTIONS, startKclDaemon, type KclDaemon } from '../../daemon/kcl-daemon';
import { trustStoreJavaOptions, type KinesisTls } from '../stand-ins/kinesis-tls';
import type { StackEndpoints } from '../stand-ins/local-stack';
import { LOCAL_ACCESS_KEY } from '../../common/aws/local-or-cloud';
import { DEFAULT_KCL_GENERATION, localPropertiesTemplate, type KclGeneration } from '../../daemon/kcl-generation';

/**
 * Locally a batch is flushed (and checkpointed) after 1 s instead of the consumer's 10 s default: a post reaches the
 * dashboard about a second after the processor gets it, and a shard still writes at most one archive object per second
 * (the freshness bench checks both). Production keeps 10 s: fewer, larger objects and loads (see README, Freshness).
 */
export const LOCAL_BATCH_MAX_AGE_MS = '1000';

/** The access key s3rver accepts by default (defined with the local-or-cloud resolution that hands it to the CLIs). */

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
    AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY,
    AWS_SESSION_TOKEN: '',
    AWS_PROFILE: '',
    AWS_REGION: endpoints.region,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    ...(endpoints.s3 === undefined ? {} : { AWS_ENDPOINT_URL_S3: endpoints.s3, AWS_S3_FORCE_PATH_STYLE: 'true' }),
    KINESIS_STREAM_NAME: options.streamName,
    KCL_APPLICATION_NAME: options.applicationName,
    SINKS: options.sinks,
    LOG_DIR: path.join(options.dir, 'logs', 'consumer'),
    BATCH_MAX_AGE_MS: LOCAL_BATCH_MAX_AGE_MS,
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
  return startKclDaemon({
    propertiesFile: file,
    generation,
    logFile: path.join(options.dir, 'logs', `daemon-${options.workerId}.log`),
    env: localConsumerEnv(options),
    ...(fanout && options.tls !== undefined
      ? { javaOptions: [...DEFAULT_JAVA_OPTIONS, ...trustStoreJavaOptions(options.tls)] }
      : {}),
  });
}
