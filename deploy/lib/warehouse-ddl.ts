// The DDL custom resource: a Lambda in the VPC runs the consumer's own table DDL and creates the stack's database logins (dashboard reader, rollup writer) from their secrets.
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { CustomResource, Duration } from 'aws-cdk-lib';
import { SecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { RemovalPolicy } from 'aws-cdk-lib';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../../common/repo-root';
import type { WarehouseDdlProperties } from './warehouse-ddl-handler';
import { acknowledge, arnToken } from './nag-suppressions';

export interface WarehouseDdlProps {
  readonly engine: 'redshift' | 'postgresql';
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly adminSecret: ISecret;
  /** The users the function creates (or updates) with the password in their secret. */
  readonly logins: readonly { readonly user: string; readonly secret: ISecret }[];
  readonly sqls: readonly string[];
  /** Run after every login exists. */
  readonly grants: readonly string[];
  readonly vpc: IVpc;
  readonly subnets: SubnetSelection;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class WarehouseDdl extends Construct {
  /** The function's security group: the warehouse lets it in. */
  public readonly securityGroup: SecurityGroup;
  public readonly resource: CustomResource;

  public constructor(scope: Construct, id: string, props: WarehouseDdlProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Warehouse DDL function: outbound to the warehouse and Secrets Manager only',
    });
    const fn = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, 'deploy', 'lib', 'warehouse-ddl-handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      timeout: Duration.minutes(5),
      memorySize: 256,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      // The Lambda Node runtimes ship the RDS certificate authorities but load them only when told to.
      environment: { NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem' },
      logGroup: new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy }),
      bundling: { externalModules: ['@aws-sdk/*', 'pg-native', 'pg-cloudflare'], minify: true, sourceMap: false },
    });
    props.adminSecret.grantRead(fn);
    for (const login of props.logins) login.secret.grantRead(fn);
    const provider = new Provider(this, 'Provider', {
      onEventHandler: fn,
      logGroup: new LogGroup(this, 'ProviderLogs', {
        retention: props.logRetention,
        removalPolicy: props.removalPolicy,
      }),
    });
    const properties: WarehouseDdlProperties = {
      Engine: props.engine,
      Host: props.host,
      Port: String(props.port),
      Database: props.database,
      AdminSecretArn: props.adminSecret.secretArn,
      Logins: props.logins.map((login) => ({ User: login.user, SecretArn: login.secret.secretArn })),
      Sqls: props.sqls,
      Grants: props.grants,
      // A changed statement list is a new physical resource: the function runs again on update.
      Digest: createHash('sha256')
        .update([...props.sqls, ...props.grants, ...props.logins.map((login) => login.user)].join(';\n'))
        .digest('hex')
        .slice(0, 16),
    };
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::WarehouseDdl',
      properties: { ...properties },
    });
    const why = 'CDK-managed Lambda roles';
    for (const scope of [fn, provider]) {
      acknowledge(
        scope,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        `${why}: the AWS policy lets the function write its own log group, nothing else.`,
      );
      acknowledge(
        scope,
        'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        `${why}: the AWS policy manages the network interfaces a function in the VPC needs to reach the warehouse.`,
      );
      acknowledge(
        scope,
        'L1',
        'The runtime is pinned to Node.js 22 (the provider framework picks its own); bumped with aws-cdk-lib.',
      );
    }
    acknowledge(
      provider,
      `IAM5[Resource::${arnToken(fn)}:*]`,
      "The CDK provider framework may invoke its own handler's versions (<arn>:*); it holds no data rights.",
    );
  }
}
