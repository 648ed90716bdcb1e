// The database logins the DDL function creates beside the admin: their generated secrets and their grants (dashboard reader, rollup writer).
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from './nag-suppressions';
import type { WarehouseDdlProps } from './warehouse-ddl';
import {
  DASHBOARD_READ_TABLES,
  DASHBOARD_READER,
  readerGrantStatements,
  ROLLUP_WRITER,
  writerGrantStatements,
} from './warehouse-ddl-sql';

/** The DDL function's logins and their grants: the dashboard reads, the refresher rewrites the rollups. */
export function logins(reader: ISecret, writer: ISecret): Pick<WarehouseDdlProps, 'logins' | 'grants'> {
  return {
    logins: [
      { user: DASHBOARD_READER, secret: reader },
      { user: ROLLUP_WRITER, secret: writer },
    ],
    grants: [
      ...readerGrantStatements(DASHBOARD_READER, DASHBOARD_READ_TABLES),
      ...writerGrantStatements(ROLLUP_WRITER, DASHBOARD_READ_TABLES),
    ],
  };
}

export function readerSecret(scope: Construct, engine: string): Secret {
  return loginSecret(
    scope,
    'DashboardReaderSecret',
    DASHBOARD_READER,
    `${engine} read-only login of the dashboard (SELECT on the posts table and its rollups only)`,
  );
}

export function writerSecret(scope: Construct, engine: string): Secret {
  return loginSecret(
    scope,
    'RollupWriterSecret',
    ROLLUP_WRITER,
    `${engine} login of the rollup refresher (SELECT on the posts table; rewrites the dashboard's rollups only)`,
  );
}

/** A login the DDL function creates: letters and digits of each case (Redshift requires upper, lower and a digit). */
function loginSecret(scope: Construct, id: string, user: string, description: string): Secret {
  const secret = new Secret(scope, id, {
    description,
    generateSecretString: {
      secretStringTemplate: JSON.stringify({ username: user }),
      generateStringKey: 'password',
      passwordLength: 32,
      excludePunctuation: true,
      requireEachIncludedType: true,
    },
  });
  acknowledge(
    secret,
    'SMG4',
    'The DDL function sets this password when it runs; rotating it means redeploying (the function runs again with the new value), since the tasks read it at start.',
  );
  return secret;
}
