// Redshift: a Serverless namespace and workgroup (admin credentials in Secrets Manager) or an existing cluster, and the project's tables.
import { Arn, ArnFormat, Fn, Stack } from 'aws-cdk-lib';
import { Port, SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnNamespace, CfnWorkgroup } from 'aws-cdk-lib/aws-redshiftserverless';
import { Secret, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { REDSHIFT } from '../../consumer/sinks/redshift/sql-dialect';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import type { RedshiftSettings } from './deploy-settings';
import { acknowledge } from './nag-suppressions';
import { warehouseStatements } from './warehouse-ddl-sql';

export const REDSHIFT_PORT = 5439;

/** The project's own DDL (consumer/sinks/redshift), in the Redshift dialect: what the consumer would run at start. */
export function warehouseDdl(): string[] {
  return warehouseStatements(REDSHIFT);
}

export interface WarehouseProps {
  readonly settings: RedshiftSettings;
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly resourcePrefix: string;
  /** Serverless only: false when the stack runs the DDL through its own function (warehouse-ddl.ts) instead of the Data API. */
  readonly dataApiDdl?: boolean;
}

export class Warehouse extends Construct {
  public readonly secret: ISecret;
  /** The workgroup or cluster ARN: the Data API's resource. */
  public readonly targetArn: string;
  /** The consumer's Data API variables (REDSHIFT_WORKGROUP or REDSHIFT_CLUSTER_ID, ...). */
  public readonly dataApiEnv: Readonly<Record<string, string>>;
  /** postgres://user@host:port/db for the people tools (pg); the password comes from the secret. */
  public readonly pgUrl: string;
  /** Present for Serverless: tasks that connect with pg are allowed in through it. */
  public readonly securityGroup?: SecurityGroup;
  /** Serverless: the workgroup's endpoint address and the workgroup (for the DDL function). */
  public readonly endpointAddress?: string;
  public readonly workgroup?: CfnWorkgroup;

  public constructor(scope: Construct, id: string, props: WarehouseProps) {
    super(scope, id);
    const s = props.settings;
    const stack = Stack.of(this);
    if (s.mode === 'existing') {
      this.secret = Secret.fromSecretCompleteArn(this, 'Secret', s.secretArn);
      this.targetArn = Arn.format(
        {
          service: 'redshift',
          resource: 'cluster',
          resourceName: s.clusterIdentifier,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        },
        stack,
      );
      this.dataApiEnv = consumerEnv({
        redshiftClusterId: s.clusterIdentifier,
        redshiftDatabase: s.database,
        redshiftSecretArn: s.secretArn,
      });
      this.pgUrl = s.pgUrl;
    } else {
      const name = props.resourcePrefix;
      const secret = new Secret(this, 'AdminSecret', {
        description: 'Redshift Serverless admin credentials (username, password) for the sentiment warehouse',
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: s.adminUser }),
          generateStringKey: 'password',
          passwordLength: 32,
          excludeCharacters: '"\'\\/@ `',
        },
      });
      const namespace = new CfnNamespace(this, 'Namespace', {
        namespaceName: name,
        dbName: s.database,
        adminUsername: s.adminUser,
        adminUserPassword: secret.secretValueFromJson('password').unsafeUnwrap(),
      });
      this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
        vpc: props.vpc,
        description: 'Redshift Serverless workgroup: pg connections from the people tools only',
        allowAllOutbound: false,
      });
      const workgroup = new CfnWorkgroup(this, 'Workgroup', {
        workgroupName: name,
        namespaceName: name,
        baseCapacity: s.baseCapacityRpu,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        subnetIds: props.vpc.selectSubnets(props.subnets).subnetIds,
        securityGroupIds: [this.securityGroup.securityGroupId],
        port: REDSHIFT_PORT,
      });
      workgroup.node.addDependency(namespace);
      acknowledge(
        secret,
        'SMG4',
        'Rotating the admin password needs a rotation Lambda with network access to the workgroup; operators rotate it by hand (docs/deploying-dashboard.md), tasks read it at start.',
      );
      this.secret = secret;
      this.targetArn = workgroup.attrWorkgroupWorkgroupArn;
      this.dataApiEnv = consumerEnv({
        redshiftWorkgroup: name,
        redshiftDatabase: s.database,
        redshiftSecretArn: secret.secretArn,
      });
      this.pgUrl = Fn.join('', [
        'postgres://',
        s.adminUser,
        '@',
        workgroup.attrWorkgroupEndpointAddress,
        `:${REDSHIFT_PORT}/`,
        s.database,
      ]);
      this.endpointAddress = workgroup.attrWorkgroupEndpointAddress;
      this.workgroup = workgroup;
      if (props.dataApiDdl !== false)
        this.createTables(workgroup, { WorkgroupName: name, Database: s.database, SecretArn: secret.secretArn });
      return;
    }
    this.createTables(undefined, {
      ClusterIdentifier: s.clusterIdentifier,
      Database: s.database,
      SecretArn: s.secretArn,
    });
  }

  /** Lets `peer` connect with pg (Serverless only; for an existing cluster the network path is the operator's). */
  public allowPgFrom(peer: SecurityGroup): void {
    this.securityGroup?.addIngressRule(peer, Port.tcp(REDSHIFT_PORT), 'pg from the people tools');
  }

  /**
   * Runs the DDL once through the Data API (BatchExecuteStatement, one transaction) on create and whenever it changes.
   * The call is asynchronous: a failure shows in the Data API history, and the consumer runs the same CREATE TABLE IF NOT EXISTS at start.
   */
  private createTables(dependency: CfnWorkgroup | undefined, target: Record<string, string>): void {
    const sqls = warehouseDdl();
    const digest = createHash('sha256').update(sqls.join(';\n')).digest('hex').slice(0, 16);
    const call = {
      service: 'RedshiftData',
      action: 'BatchExecuteStatement',
      parameters: { ...target, Sqls: sqls, StatementName: 'create-sentiment-tables' },
      physicalResourceId: PhysicalResourceId.of(`ddl-${digest}`),
    };
    const resource = new AwsCustomResource(this, 'CreateTables', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['redshift-data:BatchExecuteStatement'], resources: [this.targetArn] }),
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [this.secret.secretArn],
        }),
      ]),
    });
    if (dependency !== undefined) resource.node.addDependency(dependency);
  }
}
