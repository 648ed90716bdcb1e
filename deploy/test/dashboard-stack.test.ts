// The public dashboard and the PostgreSQL warehouse: sign-in before every forward, HTTPS only, least privilege, both warehouses cdk-nag clean.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { ConfigError } from '../../common/errors';
import { readDeploySettings } from '../lib/deploy-settings';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

const DASHBOARD = {
  dashboardDomain: 'dash.example.org',
  dashboardCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
};
const OIDC = {
  dashboardAuth: 'oidc',
  dashboardOidcIssuer: 'https://login.city.example',
  dashboardOidcClientId: 'sentiment-dashboard',
  dashboardOidcSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dashboard-oidc-AbCdEf',
  dashboardOidcAuthorizationEndpoint: 'https://login.city.example/authorize',
  dashboardOidcTokenEndpoint: 'https://login.city.example/token',
  dashboardOidcUserInfoEndpoint: 'https://login.city.example/userinfo',
  dashboardOidcLogoutUrl: 'https://login.city.example/logout',
};
/** Words that name a write in IAM actions (Put*, Create*, Delete*, Update*, Publish, Send*, Write*, ...). */
const WRITE =
  /:(Put|Post|Create|Delete|Update|Modify|Write|Publish|Send|Batch(Write|Execute)|Execute|Upload|Restore|Tag)/;

interface Action {
  readonly Type: string;
  readonly Order?: number;
  readonly RedirectConfig?: Record<string, unknown>;
}
interface SecurityGroupRule {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly CidrIp?: string;
  readonly SourceSecurityGroupId?: unknown;
  readonly GroupId?: unknown;
}

function listeners(synth: Synthesised): Array<{ id: string; port: number; actions: Action[] }> {
  const out: Array<{ id: string; port: number; actions: Action[] }> = [];
  for (const [id, r] of Object.entries(synth.template.findResources('AWS::ElasticLoadBalancingV2::Listener'))) {
    const p = r.Properties as { Port: number; DefaultActions: Action[] };
    out.push({ id, port: p.Port, actions: p.DefaultActions });
  }
  for (const [id, r] of Object.entries(synth.template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule')))
    out.push({ id, port: -1, actions: (r.Properties as { Actions: Action[] }).Actions });
  return out;
}

/** Every forward must come after an authenticate action of the same list (actions run in Order). */
function forwardsWithoutSignIn(synth: Synthesised): string[] {
  return unauthenticatedForwards(listeners(synth));
}

function unauthenticatedForwards(list: ReadonlyArray<{ id: string; actions: Action[] }>): string[] {
  return list
    .filter(({ actions }) => {
      const sorted = [...actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0));
      const forward = sorted.findIndex((a) => a.Type === 'forward');
      const auth = sorted.findIndex((a) => a.Type.startsWith('authenticate-'));
      return forward >= 0 && (auth < 0 || auth > forward);
    })
    .map(({ id }) => id);
}

function ingressOf(synth: Synthesised, groupPrefix: string): SecurityGroupRule[] {
  const groups = synth.template.findResources('AWS::EC2::SecurityGroup');
  const id = Object.keys(groups).find((key) => key.startsWith(groupPrefix));
  expect(id, groupPrefix).to.not.equal(undefined);
  const inline = ((groups[id!]!.Properties as { SecurityGroupIngress?: SecurityGroupRule[] }).SecurityGroupIngress ??
    []) as SecurityGroupRule[];
  const separate = Object.values(synth.template.findResources('AWS::EC2::SecurityGroupIngress'))
    .map((r) => r.Properties as SecurityGroupRule)
    .filter((rule) => JSON.stringify(rule.GroupId).includes(`"${id}"`));
  return [...inline, ...separate];
}

function sourceGroup(rule: SecurityGroupRule): string {
  return JSON.stringify(rule.SourceSecurityGroupId ?? rule.CidrIp);
}

function containerEnv(synth: Synthesised, defPrefix: string): Record<string, unknown> {
  const defs = synth.template.findResources('AWS::ECS::TaskDefinition');
  const def = Object.entries(defs).find(([id]) => id.startsWith(defPrefix));
  expect(def, defPrefix).to.not.equal(undefined);
  const container = (
    def![1].Properties as { ContainerDefinitions: Array<{ Environment: Array<{ Name: string; Value: unknown }> }> }
  ).ContainerDefinitions[0]!;
  return Object.fromEntries(container.Environment.map((e) => [e.Name, e.Value]));
}

describe('deploy: the dashboard behind sign-in, on the PostgreSQL warehouse (Cognito, WAF)', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  before(() => {
    synth = synthesise({
      ...DASHBOARD,
      warehouse: 'postgres',
      dashboardWaf: 'true',
      alertEmails: 'ops@city.example',
      reportingLocale: 'es',
    });
  });
  after(() => removeSynth(synth));

  it('passes cdk-nag AwsSolutions with every finding acknowledged with a reason', () => {
    expect(synth.violations).to.deep.equal([]);
    for (const ack of synth.acknowledged) expect(ack.reason.length, `${ack.rule} has a reason`).to.be.greaterThan(30);
  });

  it('forwards nothing without authentication: the HTTPS default action is authenticate-cognito, then forward', () => {
    expect(forwardsWithoutSignIn(synth)).to.deep.equal([]);
    const https = listeners(synth).find((l) => l.port === 443);
    expect(https?.actions.map((a) => a.Type)).to.deep.equal(['authenticate-cognito', 'forward']);
    expect(listeners(synth).flatMap((l) => l.actions.map((a) => a.Type))).to.include('fixed-response');
  });

  it('the sign-in check itself flags a forward with no authenticate action, or one that comes after it', () => {
    expect(
      unauthenticatedForwards([
        { id: 'plain', actions: [{ Type: 'forward' }] },
        {
          id: 'late',
          actions: [
            { Type: 'forward', Order: 1 },
            { Type: 'authenticate-oidc', Order: 2 },
          ],
        },
        {
          id: 'ok',
          actions: [
            { Type: 'authenticate-cognito', Order: 1 },
            { Type: 'forward', Order: 2 },
          ],
        },
      ]),
    ).to.deep.equal(['plain', 'late']);
  });

  it('answers port 80 with a permanent redirect to HTTPS 443 and nothing else', () => {
    const http = listeners(synth).find((l) => l.port === 80);
    expect(http?.actions).to.deep.equal([
      { Type: 'redirect', RedirectConfig: { Port: '443', Protocol: 'HTTPS', StatusCode: 'HTTP_301' } },
    ]);
  });

  it('serves HTTPS with the given certificate, a TLS 1.3/1.2 restricted policy and HSTS', () => {
    synth.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      Certificates: [{ CertificateArn: DASHBOARD.dashboardCertificateArn }],
      ListenerAttributes: [
        {
          Key: 'routing.http.response.strict_transport_security.header_value',
          Value: Match.stringLikeRegexp('^max-age=31536000'),
        },
      ],
    });
    synth.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
      ]),
    });
  });

  it('runs at least two dashboard tasks over the AZs, health-checked on /healthz', () => {
    const services = synth.template.findResources('AWS::ECS::Service');
    const dashboard = Object.entries(services).find(([id]) => id.startsWith('PublicDashboardService'));
    const props = dashboard?.[1].Properties as {
      DesiredCount: number;
      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: unknown[]; AssignPublicIp: string } };
    };
    expect(props.DesiredCount).to.be.at.least(2);
    expect(props.NetworkConfiguration.AwsvpcConfiguration.Subnets.length).to.be.at.least(2);
    expect(props.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp).to.equal('DISABLED');
    synth.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' },
      TargetType: 'ip',
      Port: 8080,
    });
  });

  it('gives the dashboard alb auth, the domain as its only host, the public URL, and the links to the alert and the report', () => {
    const env = containerEnv(synth, 'PublicDashboardTaskDefinition');
    expect(env).to.include({
      DASHBOARD_AUTH: 'alb',
      DASHBOARD_ALLOWED_HOSTS: 'dash.example.org',
      DASHBOARD_PUBLIC_URL: 'https://dash.example.org/',
      DASHBOARD_LISTEN_HOST: '0.0.0.0',
      DASHBOARD_PORT: '8080',
    });
    expect(JSON.stringify(env.DASHBOARD_ALB_ARN)).to.match(/"Ref":"PublicDashboardLoadBalancer/);
    expect(JSON.stringify(env.DASHBOARD_ALB_ISSUER)).to.include('cognito-idp');
    expect(JSON.stringify(env.DASHBOARD_SIGN_OUT_URL)).to.include('/logout?client_id=');
    expect(JSON.stringify(env.REDSHIFT_URL)).to.include('postgres://dashboard_reader@');
    for (const prefix of ['AlerterTaskDefinition', 'ReportTaskDefinition'])
      expect(containerEnv(synth, prefix).DASHBOARD_PUBLIC_URL, prefix).to.equal('https://dash.example.org/');
  });

  it('writes the reportingLocale context as REPORTING_LOCALE of the dashboard, the alerter and the report', () => {
    for (const prefix of ['PublicDashboardTaskDefinition', 'AlerterTaskDefinition', 'ReportTaskDefinition'])
      expect(containerEnv(synth, prefix).REPORTING_LOCALE, prefix).to.equal('es');
  });

  it("holds no write action in the dashboard's task role, and its execution role reads only the reader's secret", () => {
    const task = statementsOfRole(synth.template, 'PublicDashboardTaskRole');
    expect(task.flatMap((s) => s.Action).filter((a) => WRITE.test(a))).to.deep.equal([]);
    expect(task.filter((s) => s.Effect === 'Allow')).to.deep.equal([], 'the dashboard calls no AWS API at all');
    const execution = statementsOfRole(synth.template, 'PublicDashboardTaskDefinitionExecutionRole');
    const secrets = execution.filter((s) => s.Action.includes('secretsmanager:GetSecretValue'));
    expect(JSON.stringify(secrets.map((s) => s.Resource))).to.match(/DashboardReaderSecret/);
    expect(JSON.stringify(secrets.map((s) => s.Resource))).to.not.match(/PostgresInstanceSecret/);
    expect(execution.flatMap((s) => s.Action).filter((a) => WRITE.test(a) && !a.startsWith('logs:'))).to.deep.equal([]);
  });

  it('lets only the load balancer reach the tasks, and only 443/80 reach the load balancer', () => {
    const task = ingressOf(synth, 'PublicDashboardTaskSecurityGroup');
    expect(task).to.have.length(1);
    expect(task[0]).to.include({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080 });
    expect(sourceGroup(task[0]!)).to.include('PublicDashboardLoadBalancerSecurityGroup');
    const alb = ingressOf(synth, 'PublicDashboardLoadBalancerSecurityGroup');
    expect(alb.map((r) => [r.FromPort, r.CidrIp]).sort()).to.deep.equal([
      [443, '0.0.0.0/0'],
      [80, '0.0.0.0/0'],
    ]);
  });

  it('lets the consumer, the tools, the dashboard and the DDL function (and nothing public) reach PostgreSQL on 5432', () => {
    const db = ingressOf(synth, 'PostgresSecurityGroup');
    expect(db.every((r) => r.FromPort === 5432 && r.CidrIp === undefined)).to.equal(true);
    const sources = db.map(sourceGroup).join(' ');
    for (const peer of [
      'ConsumerSecurityGroup',
      'JobsSecurityGroup',
      'PublicDashboardTaskSecurityGroup',
      'WarehouseDdlSecurityGroup',
    ])
      expect(sources).to.include(peer);
    expect(sources).to.not.include('LoadBalancerSecurityGroup');
  });

  it('creates an encrypted, private, backed-up RDS for PostgreSQL instance with its admin secret, and no Redshift', () => {
    synth.template.resourceCountIs('AWS::RedshiftServerless::Workgroup', 0);
    synth.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      StorageEncrypted: true,
      PubliclyAccessible: false,
      BackupRetentionPeriod: 7,
      DBInstanceClass: 'db.t4g.small',
      DeletionProtection: true,
    });
    synth.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: { 'rds.force_ssl': '1' },
    });
  });

  it('runs the local stand-in DDL (tables, indexes) and the read-only grants through the DDL function', () => {
    const ddl = JSON.stringify(synth.template.findResources('Custom::WarehouseDdl'));
    expect(ddl).to.include('"Engine":"postgresql"');
    expect(ddl).to.include('CREATE TABLE IF NOT EXISTS public.post_sentiment');
    expect(ddl).to.include('CREATE INDEX IF NOT EXISTS post_sentiment_identity_idx');
    expect(ddl).to.include('GRANT SELECT ON TABLE public.post_sentiment TO dashboard_reader');
    expect(ddl).to.not.include('vehicle_readings TO dashboard_reader');
    expect(ddl).to.not.match(/"password"|PASSWORD '/);
  });

  it('points the consumer at PostgreSQL with pg and verified TLS, with the password from the secret', () => {
    const env = containerEnv(synth, 'ConsumerTaskDefinition');
    expect(env).to.include({
      REDSHIFT_MODE: 'pg',
      REDSHIFT_DIALECT: 'postgresql',
      REDSHIFT_TLS: 'true',
      REDSHIFT_TLS_CA_FILE: '/app/certs/rds-global-bundle.pem',
    });
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Secrets: [Match.objectLike({ Name: 'REDSHIFT_PASSWORD' })] })],
    });
  });

  it('creates a Cognito pool for admin-created users only, MFA optional, with the hosted UI and the ALB callback', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
    });
    synth.template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      CallbackURLs: ['https://dash.example.org/oauth2/idpresponse'],
      LogoutURLs: ['https://dash.example.org/signed-out'],
      AllowedOAuthFlows: ['code'],
    });
  });

  it('puts WAF in front: the managed common rule set and a per-IP rate limit', () => {
    synth.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: [
        Match.objectLike({
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } },
        }),
        Match.objectLike({ Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } } }),
      ],
    });
    synth.template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it("alarms on the 5xx rate and target health to the alert topic, and shows them on the operators' dashboard", () => {
    const alarms = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map((r) =>
      JSON.stringify(r.Properties),
    );
    expect(
      alarms.some((a) => a.includes('HTTPCode_Target_5XX_Count') && a.includes('HTTPCode_ELB_5XX_Count')),
    ).to.equal(true);
    expect(alarms.some((a) => a.includes('HealthyHostCount'))).to.equal(true);
    expect(alarms.some((a) => a.includes('UnHealthyHostCount'))).to.equal(true);
    for (const alarm of alarms.filter((a) => a.includes('ApplicationELB'))) expect(alarm).to.include('"AlarmActions"');
    const body = JSON.stringify(synth.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).to.include('HealthyHostCount').and.include('HTTPCode_Target_5XX_Count').and.include('Checkpoint lag');
  });
});

describe('deploy: the dashboard with the city OIDC provider, on Redshift', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  before(() => {
    synth = synthesise({ ...DASHBOARD, ...OIDC });
  });
  after(() => removeSynth(synth));

  it('passes cdk-nag AwsSolutions', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('authenticates with authenticate-oidc before forwarding; the client secret is a Secrets Manager reference', () => {
    expect(forwardsWithoutSignIn(synth)).to.deep.equal([]);
    synth.template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      DefaultActions: [
        Match.objectLike({
          Type: 'authenticate-oidc',
          AuthenticateOidcConfig: Match.objectLike({
            Issuer: OIDC.dashboardOidcIssuer,
            ClientId: OIDC.dashboardOidcClientId,
            ClientSecret: Match.stringLikeRegexp('^\\{\\{resolve:secretsmanager:'),
          }),
        }),
        Match.objectLike({ Type: 'forward' }),
      ],
    });
    synth.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    const env = containerEnv(synth, 'PublicDashboardTaskDefinition');
    expect(env).to.include({
      DASHBOARD_ALB_ISSUER: OIDC.dashboardOidcIssuer,
      DASHBOARD_SIGN_OUT_URL: OIDC.dashboardOidcLogoutUrl,
    });
  });

  it('has the dashboard read Redshift as the read-only user, never with the admin secret', () => {
    const env = containerEnv(synth, 'PublicDashboardTaskDefinition');
    expect(JSON.stringify(env.REDSHIFT_URL)).to.include('postgres://dashboard_reader@');
    const execution = statementsOfRole(synth.template, 'PublicDashboardTaskDefinitionExecutionRole');
    const resources = JSON.stringify(execution.map((s) => s.Resource));
    expect(resources).to.include('DashboardReaderSecret').and.not.include('WarehouseAdminSecret');
    expect(containerEnv(synth, 'ConsumerTaskDefinition')).to.include({ REDSHIFT_MODE: 'data-api' });
  });

  it('creates the Redshift reader (SELECT only) and the rollup writer, whose task alone refreshes the rollups', () => {
    const ddl = JSON.stringify(synth.template.findResources('Custom::WarehouseDdl'));
    expect(ddl).to.include('"Engine":"redshift"').and.include('"User":"rollup_writer"');
    expect(ddl).to.include('GRANT SELECT, INSERT, DELETE ON TABLE public.post_sentiment_hourly TO rollup_writer');
    expect(ddl).to.include('GRANT SELECT ON TABLE public.post_sentiment_hourly TO dashboard_reader');
    expect(ddl).to.not.match(/GRANT [A-Z, ]*(INSERT|UPDATE|DELETE)[A-Z, ]* ON TABLE [a-z_.]+ TO dashboard_reader/);
    expect(JSON.stringify(containerEnv(synth, 'RollupRefresherRollupsTaskDefinition').REDSHIFT_URL)).to.include(
      'postgres://rollup_writer@',
    );
    expect(containerEnv(synth, 'PublicDashboardTaskDefinition')).to.include({ DASHBOARD_ROLLUP_SECONDS: '0' });
  });
});

describe('deploy: dashboard and warehouse settings', () => {
  it('deploys no public dashboard without a domain and keeps Redshift as the default warehouse', () => {
    const s = readDeploySettings({});
    expect(s.dashboard).to.equal(undefined);
    expect(s.warehouse).to.deep.equal({ kind: 'redshift' });
  });

  it('reports every dashboard problem at once', () => {
    expect(() =>
      readDeploySettings({
        dashboardDomain: 'Not A Domain',
        dashboardAuth: 'oidc',
        dashboardOidcIssuer: 'http://login.city.example',
        warehouse: 'mysql',
      }),
    ).to.throw(
      ConfigError,
      /dashboardDomain must be[\s\S]*dashboardCertificateArn must be[\s\S]*dashboardOidcIssuer must be an https URL[\s\S]*dashboardOidcClientId is required[\s\S]*warehouse must be one of/,
    );
  });

  it('refuses warehouse=postgres together with an existing Redshift cluster', () => {
    expect(() =>
      readDeploySettings({
        warehouse: 'postgres',
        redshift: 'existing',
        redshiftClusterId: 'c',
        redshiftSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s',
        redshiftUrl: 'postgres://u@h:5439/dev',
      }),
    ).to.throw(ConfigError, /warehouse=postgres and redshift=existing contradict/);
  });
});
