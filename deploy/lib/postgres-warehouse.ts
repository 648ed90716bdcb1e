// The affordable warehouse (context warehouse=postgres): Amazon RDS for PostgreSQL in the private subnets, encrypted, backed up, credentials in Secrets Manager.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { InstanceType, Port, SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import {
  CaCertificate,
  Credentials,
  DatabaseInstance,
  DatabaseInstanceEngine,
  PostgresEngineVersion,
  StorageType,
} from 'aws-cdk-lib/aws-rds';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { PostgresSettings } from './warehouse-choice';
import { acknowledge } from './nag-suppressions';

export const POSTGRES_PORT = 5432;

export interface PostgresWarehouseProps {
  readonly settings: PostgresSettings;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * RDS for PostgreSQL rather than Aurora Serverless v2: a db.t4g.small runs all day for about $24 a month, while Aurora
 * Serverless v2 bills at least 0.5 ACU (about $44 a month) whenever it is awake, and the consumer writes every few
 * seconds so it never pauses; one city's posts fit one small instance (docs/costs.md).
 */
export class PostgresWarehouse extends Construct {
  public readonly instance: DatabaseInstance;
  public readonly adminSecret: ISecret;
  public readonly host: string;
  public readonly port = POSTGRES_PORT;
  public readonly database: string;
  public readonly adminUser: string;
  private readonly securityGroup: SecurityGroup;

  public constructor(scope: Construct, id: string, props: PostgresWarehouseProps) {
    super(scope, id);
    const s = props.settings;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'PostgreSQL warehouse: connections from the consumer, the people tools and the DDL function only',
      allowAllOutbound: false,
    });
    this.instance = new DatabaseInstance(this, 'Instance', {
      engine: DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_17 }),
      instanceType: new InstanceType(s.instanceType),
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      port: POSTGRES_PORT,
      databaseName: s.database,
      credentials: Credentials.fromGeneratedSecret(s.adminUser, { excludeCharacters: '"\'\\/@ `:' }),
      storageEncrypted: true,
      storageType: StorageType.GP3,
      allocatedStorage: s.storageGiB,
      maxAllocatedStorage: s.maxStorageGiB,
      multiAz: s.multiAz,
      backupRetention: Duration.days(s.backupDays),
      deletionProtection: props.removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy: props.removalPolicy === RemovalPolicy.RETAIN ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      caCertificate: CaCertificate.RDS_CA_RSA2048_G1,
      cloudwatchLogsExports: ['postgresql'],
      parameters: { 'rds.force_ssl': '1' },
    });
    if (this.instance.secret === undefined) throw new Error('the generated admin secret is missing');
    this.adminSecret = this.instance.secret;
    this.host = this.instance.dbInstanceEndpointAddress;
    this.database = s.database;
    this.adminUser = s.adminUser;
    acknowledge(
      this.instance,
      'RDS3',
      'Multi-AZ doubles the instance price; a city chooses it with -c postgresMultiAz=true. Without it a failed AZ means restoring from the automated backups (docs/deploying-dashboard.md).',
    );
    acknowledge(
      this.instance,
      'RDS11',
      'The default port 5432: it is reachable only from our own security groups inside the VPC, so a non-default port hides nothing.',
    );
    acknowledge(
      this.instance,
      'RDS6',
      'Password authentication with the passwords in Secrets Manager (the same pg path as locally); IAM tokens would need code that differs from the local stand-in.',
    );
    acknowledge(
      this.instance,
      'SMG4',
      'Rotating the admin password breaks the running tasks, which read it at start; operators rotate it with a redeploy (docs/deploying-dashboard.md).',
    );
  }

  /** Lets `peer` connect on the PostgreSQL port. */
  public allowPgFrom(peer: SecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(peer, Port.tcp(POSTGRES_PORT), description);
  }
}
