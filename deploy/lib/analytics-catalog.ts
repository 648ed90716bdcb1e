// Athena over the archive without a crawler: a Glue database, four tables with partition projection, and a workgroup.
import { Duration, Stack, type RemovalPolicy } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ARCHIVE_HOUR_PARTITION,
  CURATED_PARTITIONS,
  DEAD_LETTER_COLUMNS,
  DEAD_LETTER_REASON_PARTITION,
  RAW_RECORD_COLUMNS,
  TABLE_NAMES,
  type JsonColumn,
} from '../../analytics/analytics-tables';
import { REJECTION_REASONS } from '../../analytics/rejection-reasons';
import type { ColumnSpec } from '../../consumer/sinks/redshift/table-spec';
import { CURATED_POSTS, CURATED_VEHICLES, type CuratedTable } from '../../consumer/sinks/curated/curated-tables';
import { acknowledge } from './nag-suppressions';

export interface AnalyticsCatalogProps {
  readonly bucket: IBucket;
  /** Key prefixes in `bucket` (consumer defaults: raw, errors, curated). */
  readonly prefixes: { readonly raw: string; readonly errors: string; readonly curated: string };
  /** Glue database name: lower-case letters, digits and underscores. */
  readonly databaseName: string;
  /** Athena cancels a query of this workgroup once it has scanned this many bytes. */
  readonly bytesScannedCutoffPerQuery: number;
  /** Days Athena's query results are kept. */
  readonly resultsRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

/** Partition projection's range: the last three years up to now (Athena computes NOW at query time). */
const PROJECTION_YEARS = 3;

/** The workgroup's default scan limit per query: 10 GiB (about $0.05 at Athena's listed $5 per TB). */
export const DEFAULT_BYTES_SCANNED_CUTOFF = 10 * 1024 ** 3;

export class AnalyticsCatalog extends Construct {
  public readonly database: CfnDatabase;
  public readonly tables: Readonly<Record<string, CfnTable>>;
  public readonly workGroup: CfnWorkGroup;
  public readonly resultsBucket: Bucket;

  public constructor(scope: Construct, id: string, props: AnalyticsCatalogProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: { name: props.databaseName, description: 'The archive, dead letters and curated dataset' },
    });
    const location = (prefix: string, ...rest: string[]): string =>
      `s3://${props.bucket.bucketName}/${[prefix, ...rest].join('/')}/`;
    const tables: Record<string, CfnTable> = {};
    for (const table of [CURATED_POSTS, CURATED_VEHICLES])
      tables[table.name] = this.table(account, curatedTableInput(table, location(props.prefixes.curated, table.name)));
    tables[TABLE_NAMES.rawRecords] = this.table(
      account,
      jsonTableInput(TABLE_NAMES.rawRecords, RAW_RECORD_COLUMNS, location(props.prefixes.raw), false),
    );
    tables[TABLE_NAMES.deadLetters] = this.table(
      account,
      jsonTableInput(TABLE_NAMES.deadLetters, DEAD_LETTER_COLUMNS, location(props.prefixes.errors), true),
    );
    this.tables = tables;

    this.resultsBucket = new Bucket(this, 'QueryResults', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
      lifecycleRules: [{ id: 'expire-results', expiration: Duration.days(props.resultsRetentionDays) }],
    });
    acknowledge(
      this.resultsBucket,
      'S1',
      'Athena query results only, expired after a few days; the queries themselves are recorded by Athena and CloudTrail.',
    );
    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `${props.databaseName.replace(/_/g, '-')}-analysts`,
      description: 'Analysts: the archive and the curated dataset, with a per-query scan limit',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'AUTO' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  private table(account: string, tableInput: CfnTable.TableInputProperty): CfnTable {
    const table = new CfnTable(this, `Table-${tableInput.name ?? ''}`, {
      catalogId: account,
      databaseName: this.database.ref,
      tableInput,
    });
    table.addResourceDependency(this.database);
    return table;
  }
}

const NOW_RANGE = `NOW-${PROJECTION_YEARS}YEARS,NOW`;

/** Parquet under `dt=YYYY-MM-DD/hour=HH/`, both partitions projected. */
function curatedTableInput(table: CuratedTable, location: string): CfnTable.TableInputProperty {
  const [dt, hour] = CURATED_PARTITIONS;
  return {
    name: table.name,
    tableType: 'EXTERNAL_TABLE',
    partitionKeys: [
      { name: dt, type: 'string' },
      { name: hour, type: 'string' },
    ],
    parameters: {
      classification: 'parquet',
      'projection.enabled': 'true',
      [`projection.${dt}.type`]: 'date',
      [`projection.${dt}.format`]: 'yyyy-MM-dd',
      [`projection.${dt}.range`]: NOW_RANGE,
      [`projection.${dt}.interval`]: '1',
      [`projection.${dt}.interval.unit`]: 'DAYS',
      [`projection.${hour}.type`]: 'integer',
      [`projection.${hour}.range`]: '0,23',
      [`projection.${hour}.digits`]: '2',
      'storage.location.template': `${location}${dt}=\${${dt}}/${hour}=\${${hour}}/`,
    },
    storageDescriptor: {
      location,
      columns: table.columns.map((column) => ({ name: column.name, type: glueType(column) })),
      inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
      serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
    },
  };
}

/** NDJSON (gzip'd or not) under Firehose-style `YYYY/MM/DD/HH/` folders; the dead letters under a reason folder first. */
function jsonTableInput(
  name: string,
  columns: readonly JsonColumn[],
  location: string,
  withReason: boolean,
): CfnTable.TableInputProperty {
  const hour = ARCHIVE_HOUR_PARTITION;
  const reason = DEAD_LETTER_REASON_PARTITION;
  const mappings = Object.fromEntries(columns.map((column) => [`mapping.${column.name}`, column.field]));
  return {
    name,
    tableType: 'EXTERNAL_TABLE',
    partitionKeys: [...(withReason ? [{ name: reason, type: 'string' }] : []), { name: hour, type: 'string' }],
    parameters: {
      classification: 'json',
      'projection.enabled': 'true',
      ...(withReason
        ? { [`projection.${reason}.type`]: 'enum', [`projection.${reason}.values`]: REJECTION_REASONS.join(',') }
        : {}),
      [`projection.${hour}.type`]: 'date',
      [`projection.${hour}.format`]: 'yyyy/MM/dd/HH',
      [`projection.${hour}.range`]: NOW_RANGE,
      [`projection.${hour}.interval`]: '1',
      [`projection.${hour}.interval.unit`]: 'HOURS',
      'storage.location.template': `${location}${withReason ? `\${${reason}}/` : ''}\${${hour}}/`,
    },
    storageDescriptor: {
      location,
      columns: columns.map((column) => ({ name: column.name, type: JSON_GLUE_TYPES[column.type] })),
      inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      serdeInfo: {
        serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
        // The archive's camelCase fields under the warehouse's snake_case names.
        parameters: { 'case.insensitive': 'false', ...mappings },
      },
    },
  };
}

const JSON_GLUE_TYPES = { varchar: 'string', integer: 'int', bigint: 'bigint' } as const;

function glueType(column: ColumnSpec): string {
  switch (column.type.kind) {
    case 'varchar':
      return 'string';
    case 'integer':
      return 'int';
    case 'double':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'timestamp':
      return 'timestamp';
    case 'json':
      return 'array<string>';
  }
}
