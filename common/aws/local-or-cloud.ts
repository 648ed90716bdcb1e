// Decides, once per CLI, whether it talks to the local stack `npm start` runs or to AWS: no endpoint configured and an endpoints file present means local.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Source } from '../config/config-reader';
import { DEPRECATED_STREAM_NAME_VARIABLE, STREAM_NAME_SETTING } from '../config/stream-name';
import { AWS_SETTINGS } from './aws-settings';
import { localStackFilePath, parseLocalStackFile } from './local-stack-file';

/** The access key s3rver accepts by default; kinesis-local and dynalite accept any key. Never a real credential. */
export const LOCAL_ACCESS_KEY = 'S3RVER';

/** Any of these set (non-empty) means the person configured where to connect: the local stack is not guessed. */
export const ENDPOINT_SETTINGS = [
  AWS_SETTINGS.awsEndpointUrl.variable,
  AWS_SETTINGS.kinesisEndpoint.variable,
  AWS_SETTINGS.dynamodbEndpoint.variable,
  AWS_SETTINGS.s3Endpoint.variable,
  AWS_SETTINGS.cloudwatchEndpoint.variable,
  AWS_SETTINGS.snsEndpoint.variable,
  AWS_SETTINGS.comprehendEndpoint.variable,
  AWS_SETTINGS.redshiftDataEndpoint.variable,
  AWS_SETTINGS.sqsEndpoint.variable,
  'REDSHIFT_URL',
] as const;

/** Credential settings removed in local mode, so real credentials of this shell never reach a stand-in. */
const CLOUD_CREDENTIALS = ['AWS_SESSION_TOKEN', 'AWS_PROFILE'] as const;
/** The dummy keys every stand-in accepts. */
const LOCAL_CREDENTIALS = Object.freeze({
  AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY,
});

/**
 * For commands that only ever talk to the stand-ins (npm start, the demo, soaks, benches, a local collect): dummy keys
 * over `env` (process.env), session token and profile removed, so real credentials of this shell are never sent to them.
 */
export function useLocalCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of CLOUD_CREDENTIALS) delete env[name];
  Object.assign(env, LOCAL_CREDENTIALS);
}

export interface LocalOrCloud {
  readonly target: 'local' | 'cloud';
  /** Variables to set over the environment (local: endpoints, region, dummy keys, and names the environment does not set). */
  readonly set: Readonly<Record<string, string>>;
  /** Variables to remove from the environment (local: session token and profile). */
  readonly unset: readonly string[];
  /** One line for stderr saying which target was chosen and why (local, or an endpoints file that could not be used). */
  readonly notice?: string;
}

/** Where the stand-ins of a local stack listen (S3 only with the sinks). */
export interface LocalEndpoints {
  readonly region: string;
  readonly kinesis: string;
  readonly dynamodb: string;
  readonly s3?: string;
}

/**
 * The SDK environment that points a process at the stand-ins: region, endpoints, path-style S3 and the dummy keys.
 * Every local run (the CLIs' local mode, the daemon's consumer children, the local autoscaler) uses this one.
 */
export function localAwsEnv(endpoints: LocalEndpoints): Record<string, string> {
  const s = AWS_SETTINGS;
  return {
    [s.awsRegion.variable]: endpoints.region,
    [s.kinesisEndpoint.variable]: endpoints.kinesis,
    [s.dynamodbEndpoint.variable]: endpoints.dynamodb,
    ...(endpoints.s3 === undefined
      ? {}
      : { [s.s3Endpoint.variable]: endpoints.s3, [s.s3ForcePathStyle.variable]: 'true' }),
    ...LOCAL_CREDENTIALS,
  };
}

const CLOUD: LocalOrCloud = Object.freeze({ target: 'cloud', set: {}, unset: [] });

/**
 * Pure: reads the environment and (through `readFile`) the endpoints file; changes nothing.
 * Names (stream, application, bucket, metrics directory) only fill variables the environment leaves unset;
 * endpoints, region and credentials always come from the file, so a shell's AWS settings never leak into the stand-ins.
 */
export function resolveLocalOrCloud(
  env: Source,
  readFile: (file: string) => string = (file) => fs.readFileSync(file, 'utf8'),
): LocalOrCloud {
  if (ENDPOINT_SETTINGS.some((name) => (env[name] ?? '') !== '')) return CLOUD;
  const file = localStackFilePath(env);
  if (file === 'none') return CLOUD;
  let text: string;
  try {
    text = readFile(file);
  } catch {
    return CLOUD;
  }
  const { stack, s3, metricsDir } = parseLocalStackFile(text);
  if (stack === undefined)
    return {
      ...CLOUD,
      notice: `${file} is not an endpoints file written by \`npm start\` (kinesis, dynamodb and region needed): using the usual AWS configuration`,
    };
  // A stream named by the deprecated STREAM_NAME counts as named: its readers take it (with a warning).
  const streamNamed = nonEmpty(env[DEPRECATED_STREAM_NAME_VARIABLE]) !== undefined;
  const names: Record<string, string> = {
    ...(streamNamed ? {} : { [STREAM_NAME_SETTING.variable]: stack.kinesis.stream }),
    KCL_APPLICATION_NAME: stack.dynamodb.leaseTable,
    SCALER_METRICS_SOURCE: 'local',
    METRICS_DIR: metricsDir ?? path.join(path.dirname(file), 'metrics'),
    ...(s3 === undefined ? {} : { ARCHIVE_BUCKET: s3.bucket }),
  };
  const set: Record<string, string> = {
    ...localAwsEnv({
      region: stack.region,
      kinesis: stack.kinesis.endpoint,
      dynamodb: stack.dynamodb.endpoint,
      ...(s3 === undefined ? {} : { s3: s3.endpoint }),
    }),
    [AWS_SETTINGS.awsDefaultRegion.variable]: stack.region,
  };
  for (const [name, value] of Object.entries(names)) if (nonEmpty(env[name]) === undefined) set[name] = value;
  return {
    target: 'local',
    set,
    unset: [...CLOUD_CREDENTIALS],
    notice: `local stack (${file}): kinesis ${stack.kinesis.endpoint}, dynamodb ${stack.dynamodb.endpoint}, stream ${stack.kinesis.stream}, application ${stack.dynamodb.leaseTable}, dummy credentials; for AWS set AWS_ENDPOINT_URL_* or ENDPOINTS_FILE=none`,
  };
}

/** Resolves and applies the result to `env` (a CLI entry passes process.env); returns what was decided, for the notice. */
export function applyLocalOrCloud(env: NodeJS.ProcessEnv, readFile?: (file: string) => string): LocalOrCloud {
  const resolved = resolveLocalOrCloud(env, readFile);
  for (const name of resolved.unset) delete env[name];
  Object.assign(env, resolved.set);
  return resolved;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
