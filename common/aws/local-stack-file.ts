// The local stack file (.local/endpoints.json) that `npm start` writes: its schema and the one tolerant reader every tool uses.
import * as fs from 'node:fs';

/** Where `npm start` writes its endpoints; ENDPOINTS_FILE overrides it, and `ENDPOINTS_FILE=none` forces the usual AWS configuration. */
export const DEFAULT_ENDPOINTS_FILE = '.local/endpoints.json';

/** The variable that names another local stack file (or `none`). */
export const ENDPOINTS_FILE_VARIABLE = 'ENDPOINTS_FILE';

/** The file's fields, exactly as written by local/stand-ins/local-stack-file-writer.ts and read by people (aws CLI, psql). */
export interface EndpointsDocument {
  readonly region: string;
  readonly kinesis: { readonly endpoint: string; readonly stream: string };
  readonly dynamodb: { readonly endpoint: string; readonly leaseTable: string };
  /** The access key s3rver accepts (a fixed local pair, not a secret): the aws CLI needs them to talk to the stand-in. */
  readonly s3?: {
    readonly endpoint: string;
    readonly bucket: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
  };
  /** Local throwaway password, kept in .local/postgres/credentials.json (0600) with the cluster it opens. */
  readonly postgres?: { readonly url: string; readonly tables: readonly string[] };
  /** The local metrics store (METRICS_DIR) the producer, consumers and monitor write and the scaler reads. */
  readonly metrics?: { readonly directory: string };
  readonly logs: string;
  readonly daemonProperties: string;
  readonly dashboard?: { readonly url: string };
  /** The alerter's JSON-lines file (one alert per line). */
  readonly alerts?: { readonly file: string };
  /** Every mail sent locally lands in `outbox` as an .eml file; `to` and `from` are the local report's default addresses. */
  readonly email?: { readonly outbox: string; readonly to: readonly string[]; readonly from: string };
}

/**
 * What a reader may rely on: each section present only when it has the right shape (a damaged or older file loses the
 * sections it spoils, never the whole file). `stack` is present when region, kinesis and dynamodb all are.
 */
export interface LocalStackFile {
  readonly stack?: {
    readonly region: string;
    readonly kinesis: { readonly endpoint: string; readonly stream: string };
    readonly dynamodb: { readonly endpoint: string; readonly leaseTable: string };
  };
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
  readonly postgres?: { readonly url: string; readonly tables: readonly string[] };
  readonly metricsDir?: string;
  readonly dashboardUrl?: string;
  readonly alertsFile?: string;
  readonly email?: { readonly outbox?: string; readonly to?: readonly string[]; readonly from?: string };
}

/** The file named by ENDPOINTS_FILE (empty = unset), else the default; `none` means no local stack file. */
export function localStackFilePath(env: Readonly<Record<string, string | undefined>>): string {
  const named = env[ENDPOINTS_FILE_VARIABLE];
  return named === undefined || named === '' ? DEFAULT_ENDPOINTS_FILE : named;
}

/**
 * Reads and checks the file. Undefined when it is absent (or unreadable); `{}` for text that is not a JSON object.
 * Never throws: each caller decides what a missing section means.
 */
export function readLocalStackFile(
  file: string,
  readFile: (file: string) => string = (name) => fs.readFileSync(name, 'utf8'),
): LocalStackFile | undefined {
  let text: string;
  try {
    text = readFile(file);
  } catch {
    return undefined;
  }
  return parseLocalStackFile(text);
}

/** The sections of the file's text that have the documented shape. */
export function parseLocalStackFile(text: string): LocalStackFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof document !== 'object' || document === null) return {};
  const d = document as Record<string, unknown>;
  const kinesis = record(d.kinesis);
  const dynamodb = record(d.dynamodb);
  const s3 = record(d.s3);
  const postgres = record(d.postgres);
  const metrics = record(d.metrics);
  const email = record(d.email);
  const dashboard = record(d.dashboard);
  const alerts = record(d.alerts);
  const stack =
    typeof d.region === 'string' &&
    isUrl(kinesis?.endpoint) &&
    typeof kinesis?.stream === 'string' &&
    isUrl(dynamodb?.endpoint) &&
    typeof dynamodb?.leaseTable === 'string'
      ? {
          region: d.region,
          kinesis: { endpoint: kinesis.endpoint, stream: kinesis.stream },
          dynamodb: { endpoint: dynamodb.endpoint, leaseTable: dynamodb.leaseTable },
        }
      : undefined;
  return {
    ...(stack === undefined ? {} : { stack }),
    ...(isUrl(s3?.endpoint) && typeof s3?.bucket === 'string'
      ? { s3: { endpoint: s3.endpoint, bucket: s3.bucket } }
      : {}),
    ...(typeof postgres?.url === 'string' ? { postgres: { url: postgres.url, tables: strings(postgres.tables) } } : {}),
    ...(typeof metrics?.directory === 'string' ? { metricsDir: metrics.directory } : {}),
    ...(isUrl(dashboard?.url) ? { dashboardUrl: dashboard.url } : {}),
    ...(typeof alerts?.file === 'string' ? { alertsFile: alerts.file } : {}),
    ...(email === undefined
      ? {}
      : {
          email: {
            ...(typeof email.outbox === 'string' ? { outbox: email.outbox } : {}),
            ...(Array.isArray(email.to) ? { to: strings(email.to) } : {}),
            ...(typeof email.from === 'string' ? { from: email.from } : {}),
          },
        }),
  };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function isUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/\S+$/.test(value);
}
