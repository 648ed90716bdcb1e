// Builds the chosen warehouse (Redshift or PostgreSQL) and says how each task reaches it: the consumer's sink settings, the tools' pg URL, the dashboard's read-only login, the rollup refresher's login.
import { Fn, type RemovalPolicy } from 'aws-cdk-lib';
import type { IVpc, SecurityGroup, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { Secret as EcsSecret } from 'aws-cdk-lib/aws-ecs';
import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PG_SETTINGS } from '../../common/pg/pg-connection';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import { POSTGRESQL, REDSHIFT } from '../../consumer/sinks/redshift/sql-dialect';
import { postsSourceEnv } from '../../reporting/posts/posts-settings';
import type { DeploySettings } from './deploy-settings';
import { PostgresWarehouse } from './postgres-warehouse';
import { redshiftDataStatements, secretReadStatement } from './task-policies';
import { REDSHIFT_PORT, Warehouse } from './warehouse';
import { WarehouseDdl } from './warehouse-ddl';
import { DASHBOARD_READER, POSTS_TABLE, ROLLUP_WRITER, VEHICLES_TABLE, warehouseStatements } from './warehouse-ddl-sql';
import { logins, readerSecret, writerSecret } from './warehouse-logins';

/** Where the worker image keeps the RDS certificate bundle (deploy/image/Dockerfile). */
export const RDS_CA_FILE = '/app/certs/rds-global-bundle.pem';

/** One task's way in: plain settings, ECS secrets (passwords), IAM statements. */
export interface WarehouseLogin {
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, EcsSecret>>;
  readonly statements: readonly PolicyStatement[];
}

export interface WarehouseAccess {
  readonly kind: 'redshift' | 'postgres';
  /** The consumer's sink (REDSHIFT_MODE, REDSHIFT_DIALECT, tables, connection). */
  readonly consumer: WarehouseLogin;
  /** The alerter and the report: pg as the admin (as today). */
  readonly tools: WarehouseLogin;
  /** The dashboard: pg as the read-only user, SELECT on the posts table and its rollups only. */
  readonly dashboard: WarehouseLogin;
  /** The rollup refresher: pg as the rollup writer, SELECT on the posts table, rewrites the rollups only. */
  readonly rollups: WarehouseLogin;
  /** Lets a task's security group connect with pg. */
  allowPgFrom(peer: SecurityGroup, description: string): void;
}

export interface WarehouseAccessProps {
  readonly settings: DeploySettings;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly resourcePrefix: string;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** REDSHIFT_PASSWORD from a secret's `password` key, as an ECS secret (never in the task definition's environment). */
function passwordOf(secret: ISecret): Record<string, EcsSecret> {
  return { [PG_SETTINGS.redshiftPassword.variable]: EcsSecret.fromSecretsManager(secret, 'password') };
}

export function createWarehouse(scope: Construct, props: WarehouseAccessProps): WarehouseAccess {
  return props.settings.warehouse.kind === 'postgres' ? postgres(scope, props) : redshift(scope, props);
}

function postgres(scope: Construct, props: WarehouseAccessProps): WarehouseAccess {
  if (props.settings.warehouse.kind !== 'postgres') throw new Error('not a postgres warehouse');
  const db = new PostgresWarehouse(scope, 'Postgres', {
    settings: props.settings.warehouse,
    vpc: props.vpc,
    subnets: props.subnets,
    removalPolicy: props.removalPolicy,
  });
  const reader = readerSecret(scope, 'PostgreSQL');
  const writer = writerSecret(scope, 'PostgreSQL');
  const ddl = new WarehouseDdl(scope, 'WarehouseDdl', {
    engine: 'postgresql',
    host: db.host,
    port: db.port,
    database: db.database,
    adminSecret: db.adminSecret,
    ...logins(reader, writer),
    sqls: warehouseStatements(POSTGRESQL),
    ...shared(props),
  });
  ddl.resource.node.addDependency(db.instance);
  db.allowPgFrom(ddl.securityGroup, 'the DDL function');
  const url = (user: string): string => Fn.join('', ['postgres://', user, '@', db.host, `:${db.port}/`, db.database]);
  // TLS verified against the RDS certificate authorities shipped in the image.
  const tls = { redshiftTls: true, redshiftTlsCaFile: RDS_CA_FILE } as const;
  const engine = consumerEnv({ redshiftDialect: 'postgresql' });
  return {
    kind: 'postgres',
    consumer: {
      environment: consumerEnv({
        redshiftMode: 'pg',
        redshiftDialect: 'postgresql',
        redshiftUrl: url(db.adminUser),
        ...tls,
        redshiftPostsTable: POSTS_TABLE,
        redshiftVehiclesTable: VEHICLES_TABLE,
      }),
      secrets: passwordOf(db.adminSecret),
      statements: [],
    },
    tools: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: url(db.adminUser), redshiftPostsTable: POSTS_TABLE, ...tls }),
        ...engine,
      },
      secrets: passwordOf(db.adminSecret),
      statements: [],
    },
    dashboard: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: url(DASHBOARD_READER), redshiftPostsTable: POSTS_TABLE, ...tls }),
        ...engine,
      },
      secrets: passwordOf(reader),
      statements: [],
    },
    rollups: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: url(ROLLUP_WRITER), redshiftPostsTable: POSTS_TABLE, ...tls }),
        ...engine,
      },
      secrets: passwordOf(writer),
      statements: [],
    },
    allowPgFrom: (peer, description) => db.allowPgFrom(peer, description),
  };
}

function redshift(scope: Construct, props: WarehouseAccessProps): WarehouseAccess {
  const s = props.settings;
  const serverless = s.redshift.mode === 'serverless';
  const warehouse = new Warehouse(scope, 'Warehouse', {
    settings: s.redshift,
    vpc: props.vpc,
    subnets: props.subnets,
    resourcePrefix: props.resourcePrefix,
    dataApiDdl: !serverless,
  });
  let reader: ISecret = warehouse.secret;
  let readerUrl = warehouse.pgUrl;
  let writer: ISecret = warehouse.secret;
  let writerUrl = warehouse.pgUrl;
  if (serverless && s.redshift.mode === 'serverless' && warehouse.endpointAddress !== undefined) {
    reader = readerSecret(scope, 'Redshift');
    writer = writerSecret(scope, 'Redshift');
    const ddl = new WarehouseDdl(scope, 'WarehouseDdl', {
      engine: 'redshift',
      host: warehouse.endpointAddress,
      port: REDSHIFT_PORT,
      database: s.redshift.database,
      adminSecret: warehouse.secret,
      ...logins(reader, writer),
      sqls: warehouseStatements(REDSHIFT),
      ...shared(props),
    });
    if (warehouse.workgroup !== undefined) ddl.resource.node.addDependency(warehouse.workgroup);
    warehouse.allowPgFrom(ddl.securityGroup);
    const url = (user: string): string =>
      Fn.join('', [
        'postgres://',
        user,
        '@',
        warehouse.endpointAddress ?? '',
        `:${REDSHIFT_PORT}/`,
        s.redshift.database,
      ]);
    readerUrl = url(DASHBOARD_READER);
    writerUrl = url(ROLLUP_WRITER);
  } else if (s.warehouse.kind === 'redshift') {
    // An existing cluster: the operator made the users (docs/deploying-dashboard.md); each secret holds name and password.
    // The user name (not secret) resolved by CloudFormation from the secret; host and database from redshiftUrl.
    const hostAndDatabase = warehouse.pgUrl.slice(warehouse.pgUrl.indexOf('@'));
    const urlOf = (secret: ISecret): string =>
      Fn.join('', ['postgres://', secret.secretValueFromJson('username').unsafeUnwrap(), hostAndDatabase]);
    if (s.warehouse.readerSecretArn !== undefined) {
      reader = Secret.fromSecretCompleteArn(scope, 'DashboardReaderSecret', s.warehouse.readerSecretArn);
      readerUrl = urlOf(reader);
    }
    if (s.warehouse.rollupWriterSecretArn !== undefined) {
      writer = Secret.fromSecretCompleteArn(scope, 'RollupWriterSecret', s.warehouse.rollupWriterSecretArn);
      writerUrl = urlOf(writer);
    }
  }
  return {
    kind: 'redshift',
    consumer: {
      environment: {
        ...consumerEnv({
          redshiftMode: 'data-api',
          redshiftDialect: 'redshift',
          redshiftPostsTable: POSTS_TABLE,
          redshiftVehiclesTable: VEHICLES_TABLE,
        }),
        ...warehouse.dataApiEnv,
      },
      secrets: {},
      statements: [...redshiftDataStatements(warehouse.targetArn), secretReadStatement(warehouse.secret.secretArn)],
    },
    tools: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: warehouse.pgUrl, redshiftPostsTable: POSTS_TABLE }),
        ...consumerEnv({ redshiftDialect: 'redshift' }),
      },
      secrets: passwordOf(warehouse.secret),
      statements: [],
    },
    dashboard: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: readerUrl, redshiftPostsTable: POSTS_TABLE }),
        ...consumerEnv({ redshiftDialect: 'redshift' }),
      },
      secrets: passwordOf(reader),
      statements: [],
    },
    rollups: {
      environment: {
        ...postsSourceEnv({ redshiftUrl: writerUrl, redshiftPostsTable: POSTS_TABLE }),
        ...consumerEnv({ redshiftDialect: 'redshift' }),
      },
      secrets: passwordOf(writer),
      statements: [],
    },
    allowPgFrom: (peer) => warehouse.allowPgFrom(peer),
  };
}

function shared(props: WarehouseAccessProps): {
  vpc: IVpc;
  subnets: SubnetSelection;
  logRetention: RetentionDays;
  removalPolicy: RemovalPolicy;
} {
  return {
    vpc: props.vpc,
    subnets: props.subnets,
    logRetention: props.logRetention,
    removalPolicy: props.removalPolicy,
  };
}
