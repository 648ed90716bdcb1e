// The sinks' typed configuration, read through ConfigReader: every problem reported at once, nothing clamped.
import type { ConfigReader } from '../../common/config/config-reader';
import {
  readPgConnection,
  readStatementTimeoutMs,
  SQL_TABLE_NAME,
  type PgConnectionSettings,
} from '../../common/pg/pg-connection';
import { redact } from '../../common/redact';
import type { RetryPolicy } from '../../common/retry';
import type { ServerSideEncryption } from './s3/s3-object-store';
import { CONSUMER_SETTINGS as S } from '../config/consumer-settings';

export interface ArchiveConfig {
  readonly bucket: string;
  readonly prefix: string;
  readonly errorPrefix: string;
  readonly statePrefix: string;
  readonly gzip: boolean;
  readonly sse: ServerSideEncryption;
  readonly partSizeBytes: number;
}

/** The curated Parquet dataset (consumer/sinks/curated/): its own prefixes, in the archive's bucket unless told. */
export interface CuratedConfig {
  readonly bucket: string;
  readonly prefix: string;
  readonly statePrefix: string;
  readonly sse: ServerSideEncryption;
}

export type RedshiftConnection =
  | ({ readonly mode: 'pg' } & PgConnectionSettings)
  | {
      readonly mode: 'data-api';
      readonly database: string;
      readonly clusterIdentifier?: string;
      readonly workgroupName?: string;
      readonly dbUser?: string;
      readonly secretArn?: string;
      readonly maxStatementsPerBatch: number;
    };

export interface RedshiftConfig {
  readonly connection: RedshiftConnection;
  /** `redshift` for a real cluster; `postgresql` for the local stand-in. */
  readonly dialect: 'redshift' | 'postgresql';
  readonly postsTable: string;
  readonly vehiclesTable: string;
  readonly createTables: boolean;
  readonly statementTimeoutMs: number;
}

export interface SinkConfig {
  /** Absent when ARCHIVE_ENABLED=false. */
  readonly archive?: ArchiveConfig;
  /** Absent when REDSHIFT_ENABLED=false. */
  readonly redshift?: RedshiftConfig;
  /** Present when CURATED_ENABLED=true. */
  readonly curated?: CuratedConfig;
  readonly retry: RetryPolicy;
}

const PREFIX = /^[A-Za-z0-9!_.*'()/=-]*$/;

export function readSinkConfig(reader: ConfigReader): SinkConfig {
  const archiveEnabled = reader.boolean(S.archiveEnabled.variable, S.archiveEnabled.default);
  const curatedEnabled = reader.boolean(S.curatedEnabled.variable, S.curatedEnabled.default);
  const sse = archiveEnabled || curatedEnabled ? readSse(reader) : undefined;
  const archive = archiveEnabled && sse !== undefined ? readArchive(reader, sse) : undefined;
  const curated = curatedEnabled && sse !== undefined ? readCurated(reader, sse, archive) : undefined;
  const redshift = reader.boolean(S.redshiftEnabled.variable, S.redshiftEnabled.default)
    ? readRedshift(reader)
    : undefined;
  const retry: RetryPolicy = {
    maxAttempts: reader.integer(S.sinkRetryMaxAttempts.variable, S.sinkRetryMaxAttempts.default, { min: 1, max: 100 }),
    baseDelayMs: reader.integer(S.sinkRetryBaseDelayMs.variable, S.sinkRetryBaseDelayMs.default, { min: 0 }),
    maxDelayMs: reader.integer(S.sinkRetryMaxDelayMs.variable, S.sinkRetryMaxDelayMs.default, { min: 0 }),
  };
  return {
    ...(archive === undefined ? {} : { archive }),
    ...(redshift === undefined ? {} : { redshift }),
    ...(curated === undefined ? {} : { curated }),
    retry,
  };
}

const norm = (p: string): string => `${p.replace(/\/+$/, '')}/`;
const overlaps = (a: string, b: string): boolean => norm(a).startsWith(norm(b)) || norm(b).startsWith(norm(a));

function readSse(reader: ConfigReader): ServerSideEncryption {
  const mode = reader.oneOf(S.archiveSse.variable, ['none', 'AES256', 'aws:kms'] as const, S.archiveSse.default);
  const kmsKeyId = reader.string(S.archiveKmsKeyId.variable);
  if (kmsKeyId !== undefined && mode !== 'aws:kms')
    reader.problem('ARCHIVE_KMS_KEY_ID is set but ARCHIVE_SSE is not aws:kms');
  return mode === 'aws:kms' ? { mode, ...(kmsKeyId === undefined ? {} : { kmsKeyId }) } : { mode };
}

/** Same bucket and encryption as the archive unless CURATED_BUCKET says otherwise; prefixes apart from the archive's. */
function readCurated(
  reader: ConfigReader,
  sse: ServerSideEncryption,
  archive: ArchiveConfig | undefined,
): CuratedConfig {
  const prefix = reader.string(S.curatedPrefix.variable, S.curatedPrefix.default);
  const statePrefix = reader.string(S.curatedStatePrefix.variable, S.curatedStatePrefix.default);
  for (const [name, value] of Object.entries({ CURATED_PREFIX: prefix, CURATED_STATE_PREFIX: statePrefix }))
    if (!PREFIX.test(value) || norm(value) === '/')
      reader.problem(`${name} "${value}" must be a non-empty S3 key prefix`);
  if (overlaps(prefix, statePrefix)) reader.problem('CURATED_STATE_PREFIX must lie outside CURATED_PREFIX');
  const bucket =
    reader.string(S.curatedBucket.variable) ?? archive?.bucket ?? reader.required(S.archiveBucket.variable);
  if (archive !== undefined && bucket === archive.bucket) {
    const taken = [archive.prefix, archive.errorPrefix, archive.statePrefix];
    if ([prefix, statePrefix].some((mine) => taken.some((theirs) => overlaps(mine, theirs))))
      reader.problem('CURATED_PREFIX and CURATED_STATE_PREFIX must lie apart from the archive prefixes in one bucket');
  }
  return { bucket, prefix, statePrefix, sse };
}

function readArchive(reader: ConfigReader, sse: ServerSideEncryption): ArchiveConfig {
  const prefixes = {
    prefix: reader.string(S.archivePrefix.variable, S.archivePrefix.default),
    errorPrefix: reader.string(S.archiveErrorPrefix.variable, S.archiveErrorPrefix.default),
    statePrefix: reader.string(S.archiveStatePrefix.variable, S.archiveStatePrefix.default),
  };
  for (const [name, value] of Object.entries(prefixes))
    if (!PREFIX.test(value)) reader.problem(`${name} "${value}" has characters unsafe in S3 keys`);
  if (
    norm(prefixes.statePrefix).startsWith(norm(prefixes.prefix)) ||
    norm(prefixes.errorPrefix).startsWith(norm(prefixes.prefix))
  ) {
    reader.problem(
      'ARCHIVE_STATE_PREFIX and ARCHIVE_ERROR_PREFIX must lie outside ARCHIVE_PREFIX (Athena/Glue would read them as data)',
    );
  }
  return {
    bucket: reader.required(S.archiveBucket.variable),
    ...prefixes,
    gzip: reader.boolean(S.archiveGzip.variable, S.archiveGzip.default),
    sse,
    partSizeBytes:
      reader.integer(S.archivePartSizeMb.variable, S.archivePartSizeMb.default, { min: 5, max: 5_120 }) * 1024 * 1024,
  };
}

function readRedshift(reader: ConfigReader): RedshiftConfig {
  const mode = reader.oneOf(S.redshiftMode.variable, ['pg', 'data-api'] as const, S.redshiftMode.default);
  const tables = {
    postsTable: reader.string(S.redshiftPostsTable.variable, S.redshiftPostsTable.default),
    vehiclesTable: reader.string(S.redshiftVehiclesTable.variable, S.redshiftVehiclesTable.default),
  };
  for (const [name, value] of Object.entries(tables))
    if (!SQL_TABLE_NAME.test(value))
      reader.problem(`${name} "${value}" must be [schema.]table in lower-case letters, digits and _`);
  return {
    connection: mode === 'pg' ? readPg(reader) : readDataApi(reader),
    dialect: reader.oneOf(S.redshiftDialect.variable, ['redshift', 'postgresql'] as const, S.redshiftDialect.default),
    ...tables,
    createTables: reader.boolean(S.redshiftCreateTables.variable, S.redshiftCreateTables.default),
    // A load of a large batch may take minutes on a busy cluster.
    statementTimeoutMs: readStatementTimeoutMs(reader, S.redshiftStatementTimeoutMs.default),
  };
}

function readPg(reader: ConfigReader): RedshiftConnection {
  return { mode: 'pg', ...readPgConnection(reader) };
}

function readDataApi(reader: ConfigReader): RedshiftConnection {
  const target = {
    clusterIdentifier: reader.string(S.redshiftClusterId.variable),
    workgroupName: reader.string(S.redshiftWorkgroup.variable),
    dbUser: reader.string(S.redshiftDbUser.variable),
    secretArn: reader.string(S.redshiftSecretArn.variable),
  };
  if ((target.clusterIdentifier === undefined) === (target.workgroupName === undefined))
    reader.problem('REDSHIFT_MODE=data-api needs exactly one of REDSHIFT_CLUSTER_ID and REDSHIFT_WORKGROUP');
  if (target.clusterIdentifier !== undefined && target.dbUser === undefined && target.secretArn === undefined)
    reader.problem('a provisioned cluster needs REDSHIFT_DB_USER or REDSHIFT_SECRET_ARN');
  const defined = Object.fromEntries(Object.entries(target).filter(([, value]) => value !== undefined)) as Partial<
    typeof target
  >;
  return {
    mode: 'data-api',
    database: reader.required(S.redshiftDatabase.variable),
    ...defined,
    maxStatementsPerBatch: reader.integer(
      S.redshiftDataApiMaxStatements.variable,
      S.redshiftDataApiMaxStatements.default,
      { min: 5 },
    ),
  };
}

/** The config as it may be logged: URL passwords and password fields masked. */
export function loggableSinkConfig(config: SinkConfig): unknown {
  return redact(config);
}
