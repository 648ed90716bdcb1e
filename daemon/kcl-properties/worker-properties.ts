// The production daemon properties of one worker, from its environment: stream, application, region, retrieval mode, worker id.
import * as path from 'node:path';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import {
  DEFAULT_KCL_GENERATION,
  KCL_GENERATION_VARIABLE,
  parseKclGeneration,
  type KclGeneration,
} from '../kcl-generation';

/** Extra daemon keys: `KCL_PROPERTY_<key>=<value>` sets `<key>` (checked by the validator like every other key). */
export const KCL_PROPERTY_PREFIX = 'KCL_PROPERTY_';

export interface WorkerProperties {
  /** The template the overrides are applied to (relative to the app root). */
  readonly template: string;
  /** Where the effective file is written. */
  readonly outputFile: string;
  readonly generation: KclGeneration;
  /** Keys replaced in (or appended to) the template. */
  readonly overrides: Readonly<Record<string, string>>;
  /** KCL_JARS_DIR, relative to the app root; absent: the generation's (daemon/kcl-generation.ts kclJarsDir). */
  readonly jarsDir?: string;
}

/** The template per KCL generation, relative to the app root. */
export const PRODUCTION_TEMPLATES: Readonly<Record<KclGeneration, string>> = {
  2: path.join('properties', 'production.properties'),
  3: path.join('properties', 'production-kcl3.properties'),
};

/**
 * Reads the worker's settings; throws one ConfigError listing every problem.
 * `workerId` is the fallback when KCL_WORKER_ID is unset (the ECS task id, else the host name).
 */
export function readWorkerProperties(env: Source, workerId: string): WorkerProperties {
  const reader = new ConfigReader('worker properties', [env]);
  const generation =
    parseKclGeneration(
      reader.oneOf(KCL_GENERATION_VARIABLE, ['2', '3'] as const, String(DEFAULT_KCL_GENERATION) as '2' | '3'),
    ) ?? DEFAULT_KCL_GENERATION;
  const retrievalMode = reader.oneOf('KCL_RETRIEVAL_MODE', ['POLLING', 'FANOUT'] as const, 'POLLING');
  const applicationName = reader.required('KCL_APPLICATION_NAME');
  const overrides: Record<string, string> = {
    streamName: reader.required('KINESIS_STREAM_NAME'),
    applicationName,
    regionName: reader.string('AWS_REGION') ?? reader.required('AWS_DEFAULT_REGION'),
    workerId: reader.string('KCL_WORKER_ID', workerId),
    retrievalMode,
  };
  if (retrievalMode === 'FANOUT')
    overrides['fanoutConfig.consumerName'] = reader.string('KCL_FANOUT_CONSUMER_NAME', applicationName);
  const optional: ReadonlyArray<[string, string]> = [
    ['KCL_INITIAL_POSITION', 'initialPositionInStream'],
    ['KCL_METRICS_LEVEL', 'metricsLevel'],
    ['KCL_SHUTDOWN_GRACE_MILLIS', 'shutdownGraceMillis'],
    // The SDK's standard endpoint variables, so a worker runs against the local stand-ins by configuration alone.
    ['AWS_ENDPOINT_URL_KINESIS', 'kinesisEndpoint'],
    ['AWS_ENDPOINT_URL_DYNAMODB', 'dynamoDBEndpoint'],
  ];
  for (const [variable, key] of optional) {
    const value = reader.string(variable);
    if (value !== undefined) overrides[key] = value;
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(KCL_PROPERTY_PREFIX) || value === undefined) continue;
    const key = name.slice(KCL_PROPERTY_PREFIX.length);
    if (key === '') reader.problem(`${name} names no property`);
    else overrides[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (/[\r\n]/.test(value)) reader.problem(`the value for ${key} has a line break`);
  }
  return reader.finish({
    template: reader.string('KCL_PROPERTIES_TEMPLATE', PRODUCTION_TEMPLATES[generation]),
    outputFile: reader.string('KCL_PROPERTIES_FILE', path.join('/tmp', 'kcl', 'worker.properties')),
    generation,
    overrides,
    ...optionalJarsDir(reader.string('KCL_JARS_DIR')),
  });
}

function optionalJarsDir(jarsDir: string | undefined): { jarsDir?: string } {
  return jarsDir === undefined ? {} : { jarsDir };
}

/** The task id from an ECS task ARN (`arn:aws:ecs:region:account:task/cluster/<id>`), or undefined. */
export function taskIdFromArn(taskArn: unknown): string | undefined {
  if (typeof taskArn !== 'string') return undefined;
  const match = /^arn:aws[a-z-]*:ecs:[^:]+:\d+:task\/(?:[^/]+\/)?([A-Za-z0-9-]+)$/.exec(taskArn);
  return match?.[1];
}
