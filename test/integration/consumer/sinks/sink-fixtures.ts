// Builds the real sinks over the stand-ins for integration tests, and reads the tables back.
import { Client } from 'pg';
import { NullLogger } from '../../../../common/logger';
import type { RetryPolicy } from '../../../../common/retry';
import { CuratedSink } from '../../../../consumer/sinks/curated/curated-sink';
import { PgExecutor } from '../../../../consumer/sinks/redshift/pg-executor';
import { RedshiftSink } from '../../../../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../../../../consumer/sinks/redshift/sql-dialect';
import { S3ArchiveSink } from '../../../../consumer/sinks/s3/s3-archive-sink';
import { S3ObjectStore, type ServerSideEncryption } from '../../../../consumer/sinks/s3/s3-object-store';
import type { SinkStandIns } from '../../../support/stand-ins-sinks';

export const FAST_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };

export function archiveSink(
  standIns: SinkStandIns,
  options: { prefix?: string; gzip?: boolean; sse?: ServerSideEncryption; partSizeBytes?: number } = {},
): S3ArchiveSink {
  const store = new S3ObjectStore(standIns.s3, {
    bucket: standIns.bucket,
    sse: options.sse ?? { mode: 'none' },
    retryPolicy: FAST_RETRY,
    logger: new NullLogger(),
    ...(options.partSizeBytes === undefined ? {} : { partSizeBytes: options.partSizeBytes }),
  });
  const prefix = options.prefix ?? 'raw';
  return new S3ArchiveSink(store, {
    prefix,
    errorPrefix: `errors/${prefix}`,
    statePrefix: `state/${prefix}`,
    gzip: options.gzip ?? true,
    logger: new NullLogger(),
  });
}

/** The curated Parquet sink on the stand-in bucket: objects under `curated/`, progress under `curated-state/`. */
export function curatedSink(standIns: SinkStandIns): CuratedSink {
  const store = new S3ObjectStore(standIns.s3, {
    bucket: standIns.bucket,
    sse: { mode: 'none' },
    retryPolicy: FAST_RETRY,
    logger: new NullLogger(),
  });
  return new CuratedSink(store, { prefix: 'curated', statePrefix: 'curated-state', logger: new NullLogger() });
}

/** The consumer settings the analysts' tools read, naming what archiveSink(), curatedSink() and redshiftSink() wrote. */
export function analyticsEnv(standIns: SinkStandIns): Record<string, string> {
  return {
    ARCHIVE_BUCKET: standIns.bucket,
    ARCHIVE_ERROR_PREFIX: 'errors/raw',
    ARCHIVE_STATE_PREFIX: 'state/raw',
    AWS_ENDPOINT_URL_S3: standIns.s3Endpoint,
    AWS_REGION: 'us-east-1',
    REDSHIFT_URL: standIns.postgresUrl,
    REDSHIFT_DIALECT: 'postgresql',
    REDSHIFT_TLS: 'false',
    REDSHIFT_POSTS_TABLE: 'post_sentiment',
    REDSHIFT_VEHICLES_TABLE: 'vehicle_readings',
    SENTIMENT_ANALYZER: 'neutral',
  };
}

export function redshiftSink(
  url: string,
  tables = { posts: 'post_sentiment', vehicles: 'vehicle_readings' },
): RedshiftSink {
  const executor = new PgExecutor({
    connectionString: url,
    tls: { enabled: false },
    poolSize: 2,
    connectTimeoutMs: 2_000,
    statementTimeoutMs: 30_000,
    logger: new NullLogger(),
  });
  return new RedshiftSink(executor, {
    dialect: POSTGRESQL,
    postsTable: tables.posts,
    vehiclesTable: tables.vehicles,
    createTables: true,
    retryPolicy: FAST_RETRY,
    logger: new NullLogger(),
  });
}

/** Rows of a query, through a short-lived connection. */
export async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** `shard/sequence/sub` of every row of a table, duplicates kept. */
export async function tableIdentities(url: string, table: string): Promise<string[]> {
  const rows = await query<{ k: string }>(
    url,
    `SELECT shard_id || '/' || sequence_number || '/' || sub_sequence_number AS k FROM ${table}`,
  );
  return rows.map((row) => row.k).sort();
}
