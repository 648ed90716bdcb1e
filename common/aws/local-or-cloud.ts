// Decides, once per CLI, whether it talks to the local stack `npm start` runs or to AWS: no endpoint configured and an endpoints file present means local.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Source } from '../config/config-reader';

/** Where `npm start` writes its endpoints; ENDPOINTS_FILE overrides it, and `ENDPOINTS_FILE=none` forces the usual AWS configuration. */
export const DEFAULT_ENDPOINTS_FILE = '.local/endpoints.json';

/** The access key s3rver accepts by default; kinesis-local and dynalite accept any key. Never a real credential. */
export const LOCAL_ACCESS_KEY = 'S3RVER';

/** Any of these set (non-empty) means the person configured where to connect: the local stack is not guessed. */
export const ENDPOINT_SETTINGS = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_KINESIS',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ENDPOINT_URL_CLOUDWATCH',
  'AWS_ENDPOINT_URL_SNS',
  'AWS_ENDPOINT_URL_COMPREHEND',
  'AWS_ENDPOINT_URL_REDSHIFT_DATA',
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

/** The fields of .local/endpoints.json this resolution reads (local/stand-ins/endpoints-file.ts writes them). */
interface EndpointsFields {
  readonly region: string;
  readonly kinesis: { readonly endpoint: string; readonly stream: string };
  readonly dynamodb: { readonly endpoint: string; readonly leaseTable: string };
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
  readonly metricsDir?: string;
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
  const file = nonEmpty(env.ENDPOINTS_FILE) ?? DEFAULT_ENDPOINTS_FILE;
  if (file === 'none') return CLOUD;
  let text: string;
  try {
    text = readFile(file);
  } catch {
    return CLOUD;
  }
  const fields = parseEndpoints(text);
  if (fields === undefined)
    return {
      ...CLOUD,
      notice: `${file} is not an endpoints file written by \`npm start\` (kinesis, dynamodb and region needed): using the usual AWS configuration`,
    };
  const names: Record<string, string> = {
    STREAM_NAME: fields.kinesis.stream,
    KINESIS_STREAM_NAME: fields.kinesis.stream,
    KCL_APPLICATION_NAME: fields.dynamodb.leaseTable,
    SCALER_METRICS_SOURCE: 'local',
    METRICS_DIR: fields.metricsDir ?? path.join(path.dirname(file), 'metrics'),
    ...(fields.s3 === undefined ? {} : { ARCHIVE_BUCKET: fields.s3.bucket }),
  };
  const set: Record<string, string> = {
    AWS_REGION: fields.region,
    AWS_DEFAULT_REGION: fields.region,
    AWS_ENDPOINT_URL_KINESIS: fields.kinesis.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: fields.dynamodb.endpoint,
    ...(fields.s3 === undefined ? {} : { AWS_ENDPOINT_URL_S3: fields.s3.endpoint, AWS_S3_FORCE_PATH_STYLE: 'true' }),
    ...LOCAL_CREDENTIALS,
  };
  for (const [name, value] of Object.entries(names)) if (nonEmpty(env[name]) === undefined) set[name] = value;
  return {
    target: 'local',
    set,
    unset: [...CLOUD_CREDENTIALS],
    notice: `local stack (${file}): kinesis ${fields.kinesis.endpoint}, dynamodb ${fields.dynamodb.endpoint}, stream ${fields.kinesis.stream}, application ${fields.dynamodb.leaseTable}, dummy credentials; for AWS set AWS_ENDPOINT_URL_* or ENDPOINTS_FILE=none`,
  };
}

/** Resolves and applies the result to `env` (a CLI entry passes process.env); returns what was decided, for the notice. */
export function applyLocalOrCloud(env: NodeJS.ProcessEnv, readFile?: (file: string) => string): LocalOrCloud {
  const resolved = resolveLocalOrCloud(env, readFile);
  for (const name of resolved.unset) delete env[name];
  Object.assign(env, resolved.set);
  return resolved;
}

function parseEndpoints(text: string): EndpointsFields | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null) return undefined;
  const d = document as Record<string, unknown>;
  const kinesis = d.kinesis as Record<string, unknown> | undefined;
  const dynamodb = d.dynamodb as Record<string, unknown> | undefined;
  const s3 = d.s3 as Record<string, unknown> | undefined;
  const metrics = d.metrics as Record<string, unknown> | undefined;
  if (
    typeof d.region !== 'string' ||
    !isUrl(kinesis?.endpoint) ||
    typeof kinesis?.stream !== 'string' ||
    !isUrl(dynamodb?.endpoint) ||
    typeof dynamodb?.leaseTable !== 'string'
  )
    return undefined;
  return {
    region: d.region,
    kinesis: { endpoint: kinesis.endpoint, stream: kinesis.stream },
    dynamodb: { endpoint: dynamodb.endpoint, leaseTable: dynamodb.leaseTable },
    ...(isUrl(s3?.endpoint) && typeof s3?.bucket === 'string'
      ? { s3: { endpoint: s3.endpoint, bucket: s3.bucket } }
      : {}),
    ...(typeof metrics?.directory === 'string' ? { metricsDir: metrics.directory } : {}),
  };
}

function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
