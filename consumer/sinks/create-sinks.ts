// Builds the configured sinks (S3 archive, curated Parquet, Redshift) from config, the shared AWS clients and a logger.
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../../common/logger';
import { pgPoolOptionsFrom } from '../../common/pg/pg-pool';
import { DataApiExecutor } from './redshift/data-api-executor';
import { PgExecutor } from './redshift/pg-executor';
import { RedshiftSink } from './redshift/redshift-sink';
import { dialectNamed } from './redshift/sql-dialect';
import type { SqlExecutor } from './redshift/sql-executor';
import { CuratedSink } from './curated/curated-sink';
import { S3ArchiveSink } from './s3/s3-archive-sink';
import { S3ObjectStore } from './s3/s3-object-store';
import type { Sink } from './sink';
import type { RedshiftConfig, SinkConfig } from './sink-config';

/** The clients the sinks need; common/aws/client-factory.ts's AwsClientFactory satisfies it. */
export interface SinkClients {
  s3(): S3Client;
  redshiftData(): RedshiftDataClient;
}

export function createSinks(config: SinkConfig, clients: SinkClients, logger: Logger): Sink[] {
  const sinks: Sink[] = [];
  if (config.archive !== undefined) {
    const archive = config.archive;
    const sinkLogger = logger.child({ component: 's3-archive' });
    const store = new S3ObjectStore(clients.s3(), {
      bucket: archive.bucket,
      sse: archive.sse,
      retryPolicy: config.retry,
      partSizeBytes: archive.partSizeBytes,
      logger: sinkLogger,
    });
    sinks.push(
      new S3ArchiveSink(store, {
        prefix: archive.prefix,
        errorPrefix: archive.errorPrefix,
        statePrefix: archive.statePrefix,
        gzip: archive.gzip,
        logger: sinkLogger,
      }),
    );
  }
  if (config.curated !== undefined) {
    const curated = config.curated;
    const sinkLogger = logger.child({ component: 's3-curated' });
    const store = new S3ObjectStore(clients.s3(), {
      bucket: curated.bucket,
      sse: curated.sse,
      retryPolicy: config.retry,
      logger: sinkLogger,
    });
    sinks.push(
      new CuratedSink(store, { prefix: curated.prefix, statePrefix: curated.statePrefix, logger: sinkLogger }),
    );
  }
  if (config.redshift !== undefined) {
    const sinkLogger = logger.child({ component: 'redshift' });
    sinks.push(
      new RedshiftSink(createExecutor(config.redshift, clients, sinkLogger), {
        dialect: dialectNamed(config.redshift.dialect),
        postsTable: config.redshift.postsTable,
        vehiclesTable: config.redshift.vehiclesTable,
        createTables: config.redshift.createTables,
        retryPolicy: config.retry,
        logger: sinkLogger,
      }),
    );
  }
  return sinks;
}

function createExecutor(config: RedshiftConfig, clients: SinkClients, logger: Logger): SqlExecutor {
  const connection = config.connection;
  if (connection.mode === 'data-api') {
    const { database, clusterIdentifier, workgroupName, dbUser, secretArn } = connection;
    return new DataApiExecutor(clients.redshiftData(), {
      target: { database, clusterIdentifier, workgroupName, dbUser, secretArn },
      maxStatementsPerBatch: connection.maxStatementsPerBatch,
      pollIntervalMs: 100,
      maxPollIntervalMs: 2_000,
      statementTimeoutMs: config.statementTimeoutMs,
    });
  }
  return new PgExecutor({
    ...pgPoolOptionsFrom(connection),
    connectTimeoutMs: 10_000,
    statementTimeoutMs: config.statementTimeoutMs,
    logger,
  });
}
