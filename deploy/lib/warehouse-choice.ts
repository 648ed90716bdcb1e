// Which warehouse the stack creates (context warehouse=redshift|postgres) and the PostgreSQL instance's settings.
import type { ConfigReader } from '../../common/config/config-reader';

export interface PostgresSettings {
  /** An RDS instance class without the `db.` prefix (t4g.small, m7g.large, ...). */
  readonly instanceType: string;
  readonly storageGiB: number;
  /** Storage autoscaling ceiling. */
  readonly maxStorageGiB: number;
  /** A standby in a second AZ (doubles the instance price). */
  readonly multiAz: boolean;
  /** Automated backup retention (1-35 days). */
  readonly backupDays: number;
  readonly database: string;
  readonly adminUser: string;
}

export type WarehouseChoice =
  | {
      readonly kind: 'redshift';
      /** An existing cluster's read-only user for the dashboard (a secret with username and password). */
      readonly readerSecretArn?: string;
      /** An existing cluster's user for the rollup refresher (a secret with username and password). */
      readonly rollupWriterSecretArn?: string;
    }
  | ({ readonly kind: 'postgres' } & PostgresSettings);

export const WAREHOUSE_CONTEXT_KEYS = [
  'warehouse',
  'postgresInstanceType',
  'postgresStorageGiB',
  'postgresMaxStorageGiB',
  'postgresMultiAz',
  'postgresBackupDays',
  'postgresDatabase',
  'postgresAdminUser',
  'redshiftReaderSecretArn',
  'redshiftRollupWriterSecretArn',
] as const;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function readWarehouseChoice(reader: ConfigReader): WarehouseChoice {
  const kind = reader.oneOf('warehouse', ['redshift', 'postgres'] as const, 'redshift');
  const readerSecretArn = reader.string('redshiftReaderSecretArn');
  if (readerSecretArn !== undefined && !readerSecretArn.startsWith('arn:'))
    reader.problem('redshiftReaderSecretArn must be a Secrets Manager ARN');
  const rollupWriterSecretArn = reader.string('redshiftRollupWriterSecretArn');
  if (rollupWriterSecretArn !== undefined && !rollupWriterSecretArn.startsWith('arn:'))
    reader.problem('redshiftRollupWriterSecretArn must be a Secrets Manager ARN');
  if (kind === 'redshift')
    return {
      kind,
      ...(readerSecretArn === undefined ? {} : { readerSecretArn }),
      ...(rollupWriterSecretArn === undefined ? {} : { rollupWriterSecretArn }),
    };
  const instanceType = reader.string('postgresInstanceType', 't4g.small');
  if (!/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(instanceType))
    reader.problem(`postgresInstanceType "${instanceType}" must look like t4g.small (without db.)`);
  const storageGiB = reader.integer('postgresStorageGiB', 20, { min: 20, max: 65_536 });
  const maxStorageGiB = reader.integer('postgresMaxStorageGiB', Math.max(storageGiB, 200), { min: 20, max: 65_536 });
  if (maxStorageGiB < storageGiB)
    reader.problem(`postgresMaxStorageGiB (${maxStorageGiB}) must be >= postgresStorageGiB (${storageGiB})`);
  const names = {
    database: reader.string('postgresDatabase', 'sentiment'),
    adminUser: reader.string('postgresAdminUser', 'sentiment_admin'),
  };
  for (const [key, value] of Object.entries(names))
    if (!IDENTIFIER.test(value)) reader.problem(`postgres ${key} "${value}" must be a lower-case identifier`);
  return {
    kind,
    instanceType,
    storageGiB,
    maxStorageGiB,
    multiAz: reader.boolean('postgresMultiAz', false),
    backupDays: reader.integer('postgresBackupDays', 7, { min: 1, max: 35 }),
    ...names,
  };
}
