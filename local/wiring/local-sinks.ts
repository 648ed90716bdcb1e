// Wires the consumer's real sinks to the local stand-ins: the environment they read, and their tables created up front.
import { Client } from 'pg';
import { POSTGRESQL } from '../../consumer/sinks/redshift/sql-dialect';
import { dashboardRollupSql } from '../../consumer/sinks/redshift/dashboard-rollups';
import { ensureTableSql } from '../../consumer/sinks/redshift/table-ddl';
import {
  DEFAULT_POSTS_TABLE,
  DEFAULT_VEHICLES_TABLE,
  postTable,
  vehicleTable,
} from '../../consumer/sinks/redshift/table-spec';
import { consumerEnv } from '../../consumer/config/consumer-settings';

export const LOCAL_POSTS_TABLE = DEFAULT_POSTS_TABLE;
export const LOCAL_VEHICLES_TABLE = DEFAULT_VEHICLES_TABLE;

/**
 * Sink settings for consumer children (see consumer/sinks/sink-config.ts): s3rver bucket, PostgreSQL without TLS.
 * `curated`: also the curated Parquet dataset under its default prefixes (npm start; runs that give the archive a
 * per-run prefix leave it off, since its progress objects are keyed by shard id only).
 */
export function localSinkEnv(
  bucket: string,
  postgresUrl: string,
  options: { curated?: boolean } = {},
): Record<string, string> {
  return consumerEnv({
    archiveBucket: bucket,
    ...(options.curated === true ? { curatedEnabled: true } : {}),
    redshiftUrl: postgresUrl,
    redshiftDialect: 'postgresql',
    redshiftTls: false,
    redshiftPostsTable: LOCAL_POSTS_TABLE,
    redshiftVehiclesTable: LOCAL_VEHICLES_TABLE,
  });
}

/** Creates both tables (and the dashboard's rollups) with the sinks' own DDL (IF NOT EXISTS), so concurrent consumer children never race to create them. */
export async function createLocalTables(postgresUrl: string): Promise<string[]> {
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const table of [postTable(LOCAL_POSTS_TABLE), vehicleTable(LOCAL_VEHICLES_TABLE)]) {
      for (const sql of ensureTableSql(POSTGRESQL, table)) await client.query(sql);
    }
    for (const sql of dashboardRollupSql(POSTGRESQL, LOCAL_POSTS_TABLE)) await client.query(sql);
  } finally {
    await client.end();
  }
  return [LOCAL_POSTS_TABLE, LOCAL_VEHICLES_TABLE];
}
