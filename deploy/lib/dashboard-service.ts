// The policy makers' dashboard in AWS: Fargate tasks in two or more AZs behind an internet-facing ALB, HTTPS only, sign-in first, optional WAF, alarms.
import { CfnOutput, Duration, Stack, Token, type RemovalPolicy } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, SubnetType, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { FargateService, type Cluster, type ContainerImage } from 'aws-cdk-lib/aws-ecs';
import {
  ApplicationListener,
  ApplicationLoadBalancer,
  ApplicationProtocol,
  ApplicationTargetGroup,
  CfnListener,
  ListenerAction,
  ListenerCertificate,
  ListenerCondition,
  SslPolicy,
  TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SIGNED_OUT_PATH } from '../../reporting/dashboard/alb-auth-settings';
import { dashboardEnv } from '../../reporting/dashboard/dashboard-settings';
import { REPORT_SETTINGS } from '../../reporting/report/report-settings';
import type { Alerting } from './alerting';
import { addDashboardAlarms } from './dashboard-alarms';
import { DashboardAuth } from './dashboard-auth';
import { addDashboardFirewall } from './dashboard-firewall';
import type { TaskSize } from './deploy-settings';
import type { DashboardSettings } from './dashboard-settings';
import { acknowledge } from './nag-suppressions';
import type { WarehouseLogin } from './warehouse-access';
import { WorkerTask } from './worker-task';

export const DASHBOARD_CONTAINER_PORT = 8080;
/** HSTS for a year on every HTTPS response, the listener's own included (ELB guide, "HTTP header modification"). */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export interface DashboardServiceProps {
  readonly settings: DashboardSettings;
  readonly vpc: IVpc;
  readonly privateSubnets: SubnetSelection;
  readonly cluster: Cluster;
  readonly image: ContainerImage;
  readonly size: TaskSize;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  /** The read-only login (warehouse-access.ts): SELECT on the posts table and its rollups. */
  readonly warehouse: WarehouseLogin;
  /** AWS_REGION, LOG_LEVEL, the time zone: settings every task shares. */
  readonly environment: Readonly<Record<string, string>>;
  readonly alerting: Alerting;
}

export class DashboardService extends Construct {
  public readonly publicUrl: string;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly service: FargateService;
  public readonly task: WorkerTask;
  public readonly securityGroup: SecurityGroup;

  public constructor(scope: Construct, id: string, props: DashboardServiceProps) {
    super(scope, id);
    const s = props.settings;
    this.publicUrl = `https://${s.domain}`;
    const auth = new DashboardAuth(this, 'SignIn', {
      signIn: s.signIn,
      publicUrl: this.publicUrl,
      removalPolicy: props.removalPolicy,
    });

    const albSg = new SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: props.vpc,
      description: 'Dashboard load balancer: HTTPS (and HTTP, which only redirects) from the internet',
      allowAllOutbound: false,
    });
    albSg.addIngressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS from the policy makers');
    albSg.addIngressRule(Peer.anyIpv4(), Port.tcp(80), 'HTTP, answered with a redirect to HTTPS');
    // The ALB calls the identity provider's token and user-info endpoints itself.
    albSg.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'token and user-info endpoints of the identity provider');
    acknowledge(
      albSg,
      'EC23',
      'An internet-facing website: 443 (and 80, which only redirects) must accept any address; sign-in and WAF guard it.',
    );
    this.loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: SubnetType.PUBLIC },
      securityGroup: albSg,
      dropInvalidHeaderFields: true,
    });
    // The log bucket's policy names the region's ELB log-delivery principal: only known when the region is (cdk deploy).
    if (Token.isUnresolved(Stack.of(this).region))
      acknowledge(
        this.loadBalancer,
        'ELB2',
        'Access logs are turned on when the stack is synthesised for a known region (cdk deploy with credentials); an environment-agnostic synth cannot name the ELB log-delivery principal.',
      );
    else this.loadBalancer.logAccessLogs(this.accessLogBucket(props.removalPolicy), 'dashboard-alb');

    this.securityGroup = new SecurityGroup(this, 'TaskSecurityGroup', {
      vpc: props.vpc,
      description: 'Dashboard tasks: inbound from the dashboard load balancer only',
    });
    this.securityGroup.addIngressRule(albSg, Port.tcp(DASHBOARD_CONTAINER_PORT), 'the load balancer only');
    albSg.addEgressRule(this.securityGroup, Port.tcp(DASHBOARD_CONTAINER_PORT), 'to the dashboard tasks');

    this.task = new WorkerTask(this, 'Dashboard', {
      image: props.image,
      size: props.size,
      command: ['node', 'dist/scripts/dashboard.js'],
      environment: {
        ...props.environment,
        ...props.warehouse.environment,
        ...dashboardEnv({
          logFile: '/dev/stderr',
          port: DASHBOARD_CONTAINER_PORT,
          listenHost: '0.0.0.0',
          authMode: 'alb',
          albArn: this.loadBalancer.loadBalancerArn,
          albIssuer: auth.issuer,
          albClientId: auth.clientId,
          signOutUrl: auth.signOutUrl,
          // Never writes: the rollup refresher's own task keeps the rollups (rollup-refresher-service.ts).
          rollupSeconds: 0,
        }),
        // Issue 22's Host allow-list and the dashboard's own links (not rows of DASHBOARD_SETTINGS yet).
        DASHBOARD_ALLOWED_HOSTS: s.domain,
        [REPORT_SETTINGS.dashboardUrl.variable]: `${this.publicUrl}/`,
      },
      secrets: props.warehouse.secrets,
      // The dashboard calls no AWS API: it reads the warehouse over pg as the read-only user.
      statements: [...props.warehouse.statements],
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.task.container.addPortMappings({ containerPort: DASHBOARD_CONTAINER_PORT });
    this.service = new FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.task.taskDefinition,
      desiredCount: s.tasks,
      vpcSubnets: props.privateSubnets,
      securityGroups: [this.securityGroup],
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { rollback: true },
      healthCheckGracePeriod: Duration.seconds(60),
    });
    const targets = new ApplicationTargetGroup(this, 'Targets', {
      vpc: props.vpc,
      port: DASHBOARD_CONTAINER_PORT,
      protocol: ApplicationProtocol.HTTP,
      targetType: TargetType.IP,
      targets: [this.service],
      deregistrationDelay: Duration.seconds(30),
      // Addresses the task's IP directly, so the Host is not the domain: /healthz answers whatever the Host.
      healthCheck: {
        path: '/healthz',
        healthyHttpCodes: '200',
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
      },
    });

    const https = new ApplicationListener(this, 'Https', {
      loadBalancer: this.loadBalancer,
      port: 443,
      protocol: ApplicationProtocol.HTTPS,
      certificates: [ListenerCertificate.fromArn(s.certificateArn)],
      sslPolicy: SslPolicy.TLS13_RES,
      open: false,
      defaultAction: auth.action(ListenerAction.forward([targets])),
    });
    (https.node.defaultChild as CfnListener).listenerAttributes = [
      { key: 'routing.http.response.strict_transport_security.header_value', value: HSTS_VALUE },
    ];
    // The page the identity provider returns to after sign-out: answered by the ALB itself, nothing forwarded.
    https.addAction('SignedOut', {
      priority: 1,
      conditions: [ListenerCondition.pathPatterns([SIGNED_OUT_PATH])],
      action: ListenerAction.fixedResponse(200, {
        contentType: 'text/html',
        messageBody:
          '<!doctype html><title>Signed out</title><p>You have signed out of the sentiment dashboard.</p><p><a href="/">Sign in again</a></p>',
      }),
    });
    new ApplicationListener(this, 'Http', {
      loadBalancer: this.loadBalancer,
      port: 80,
      protocol: ApplicationProtocol.HTTP,
      open: false,
      defaultAction: ListenerAction.redirect({ protocol: 'HTTPS', port: '443', permanent: true }),
    });
    new CfnOutput(this, 'DashboardUrl', { value: `${this.publicUrl}/`, description: 'The dashboard (sign-in first)' });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: this.loadBalancer.loadBalancerDnsName,
      description: `Point ${s.domain} here (a CNAME, or a Route 53 alias)`,
    });
    if (auth.userPoolId !== undefined)
      new CfnOutput(this, 'UserPoolId', {
        value: auth.userPoolId,
        description: 'Create dashboard users here: aws cognito-idp admin-create-user (docs/deploying-dashboard.md)',
      });
    if (s.waf) addDashboardFirewall(this, this.loadBalancer, s.wafRateLimit);
    addDashboardAlarms(this, { loadBalancer: this.loadBalancer, targets, alerting: props.alerting, tasks: s.tasks });
  }

  /** ALB access logs: SSE-S3 (the only encryption ALB log delivery supports), private, TLS-only, kept 90 days. */
  private accessLogBucket(removalPolicy: RemovalPolicy): Bucket {
    const bucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    acknowledge(
      bucket,
      'S1',
      "This bucket holds the load balancer's access logs; logging access to a log bucket would recurse.",
    );
    return bucket;
  }
}
