// The rollup refresher beside the public dashboard: its own task, user and secret; the dashboard's user only reads.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { DASHBOARD_ROLLUP_TABLES } from '../lib/warehouse-ddl-sql';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

const DASHBOARD = {
  dashboardDomain: 'dash.example.org',
  dashboardCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
};

interface Container {
  readonly Command?: string[];
  readonly Environment: Array<{ Name: string; Value: unknown }>;
  readonly Secrets?: Array<{ Name: string; ValueFrom: unknown }>;
}

function taskDefinition(synth: Synthesised, prefix: string): { cpu: string; memory: string; container: Container } {
  const defs = synth.template.findResources('AWS::ECS::TaskDefinition');
  const def = Object.entries(defs).find(([id]) => id.startsWith(prefix));
  expect(def, prefix).to.not.equal(undefined);
  const p = def![1].Properties as { Cpu: string; Memory: string; ContainerDefinitions: Container[] };
  return { cpu: p.Cpu, memory: p.Memory, container: p.ContainerDefinitions[0]! };
}

function envOf(synth: Synthesised, prefix: string): Record<string, unknown> {
  return Object.fromEntries(taskDefinition(synth, prefix).container.Environment.map((e) => [e.Name, e.Value]));
}

/** The secrets the task's execution role may read (ECS hands them to the container). */
function secretsReadBy(synth: Synthesised, executionRolePrefix: string): string {
  const statements = statementsOfRole(synth.template, executionRolePrefix);
  return JSON.stringify(
    statements.filter((s) => s.Action.includes('secretsmanager:GetSecretValue')).map((s) => s.Resource),
  );
}

function ddlGrants(synth: Synthesised): string[] {
  const resources = Object.values(synth.template.findResources('Custom::WarehouseDdl'));
  expect(resources).to.have.length(1);
  return (resources[0]!.Properties as { Grants: string[] }).Grants;
}

describe('deploy: the rollup refresher on the PostgreSQL warehouse', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  before(() => {
    synth = synthesise({ ...DASHBOARD, warehouse: 'postgres' });
  });
  after(() => removeSynth(synth));

  it('passes cdk-nag AwsSolutions with every finding acknowledged', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('runs `rollups` as one always-on task of 0.25 vCPU / 1 GB with the rollup writer as its database user', () => {
    const def = taskDefinition(synth, 'RollupRefresherRollupsTaskDefinition');
    expect(def.container.Command).to.deep.equal(['node', 'dist/scripts/rollups.js']);
    expect([def.cpu, def.memory]).to.deep.equal(['256', '1024']);
    const env = envOf(synth, 'RollupRefresherRollupsTaskDefinition');
    expect(JSON.stringify(env.REDSHIFT_URL)).to.include('postgres://rollup_writer@');
    expect(env).to.include({ REDSHIFT_POSTS_TABLE: 'public.post_sentiment', ROLLUPS_LOG_FILE: '/dev/stderr' });
    expect(def.container.Secrets?.map((s) => s.Name)).to.deep.equal(['REDSHIFT_PASSWORD']);
    const services = synth.template.findResources('AWS::ECS::Service');
    const service = Object.entries(services).find(([id]) => id.startsWith('RollupRefresherService'));
    expect((service?.[1].Properties as { DesiredCount: number }).DesiredCount).to.equal(1);
  });

  it("gives the refresher no AWS permission and only the writer's secret; the dashboard never gets that secret", () => {
    expect(
      statementsOfRole(synth.template, 'RollupRefresherRollupsTaskRole').filter((s) => s.Effect === 'Allow'),
    ).to.deep.equal([]);
    const refresher = secretsReadBy(synth, 'RollupRefresherRollupsTaskDefinitionExecutionRole');
    expect(refresher).to.include('RollupWriterSecret');
    expect(refresher).to.not.match(/DashboardReaderSecret|PostgresInstanceSecret/);
    const dashboard = secretsReadBy(synth, 'PublicDashboardTaskDefinitionExecutionRole');
    expect(dashboard).to.include('DashboardReaderSecret').and.not.include('RollupWriterSecret');
  });

  it('has the dashboard never refresh the rollups (DASHBOARD_ROLLUP_SECONDS=0)', () => {
    expect(envOf(synth, 'PublicDashboardTaskDefinition')).to.include({ DASHBOARD_ROLLUP_SECONDS: '0' });
  });

  it('creates both users from their secrets: the reader SELECT-only, the writer SELECT on posts and writes on rollups only', () => {
    const ddl = Object.values(synth.template.findResources('Custom::WarehouseDdl'))[0]!.Properties as {
      Logins: Array<{ User: string; SecretArn: unknown }>;
    };
    expect(ddl.Logins.map((l) => l.User)).to.deep.equal(['dashboard_reader', 'rollup_writer']);
    expect(JSON.stringify(ddl.Logins)).to.match(/DashboardReaderSecret.*RollupWriterSecret/);
    const grants = ddl.Logins.length > 0 ? ddlGrants(synth) : [];
    const of = (user: string): string[] => grants.filter((g) => g.startsWith('GRANT') && g.endsWith(` TO ${user}`));
    expect(of('dashboard_reader').filter((g) => /INSERT|UPDATE|DELETE|TRUNCATE|ALL/.test(g))).to.deep.equal([]);
    expect(of('dashboard_reader')).to.include.members([
      'GRANT SELECT ON TABLE public.post_sentiment TO dashboard_reader',
      ...DASHBOARD_ROLLUP_TABLES.map((t) => `GRANT SELECT ON TABLE ${t} TO dashboard_reader`),
    ]);
    expect(of('rollup_writer')).to.deep.equal([
      'GRANT USAGE ON SCHEMA public TO rollup_writer',
      'GRANT SELECT ON TABLE public.post_sentiment TO rollup_writer',
      ...DASHBOARD_ROLLUP_TABLES.map((t) => `GRANT SELECT, INSERT, DELETE ON TABLE ${t} TO rollup_writer`),
    ]);
    // An older deployment's reader could write the rollups: its grants are revoked before the new ones.
    for (const t of DASHBOARD_ROLLUP_TABLES)
      expect(grants.indexOf(`REVOKE ALL ON TABLE ${t} FROM dashboard_reader`)).to.be.within(
        0,
        grants.indexOf(`GRANT SELECT ON TABLE ${t} TO dashboard_reader`),
      );
  });

  it('counts failed refreshes from its log and alarms to the alert topic after 15 minutes of them', () => {
    synth.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "rollup refresh failed" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'RollupRefreshFailures', MetricValue: '1' })],
    });
    const alarms = synth.template.findResources('AWS::CloudWatch::Alarm');
    const failing = Object.entries(alarms).find(([id]) => id.startsWith('RollupRefresherFailing'));
    const props = failing?.[1].Properties as { MetricName: string; EvaluationPeriods: number; AlarmActions: unknown[] };
    expect(props.MetricName).to.equal('RollupRefreshFailures');
    expect(props.EvaluationPeriods).to.equal(3);
    expect(JSON.stringify(props.AlarmActions)).to.include('AlertingTopic');
  });

  it('lets the refresher reach PostgreSQL on 5432 from its own security group, which accepts nothing', () => {
    const ingress = Object.values(synth.template.findResources('AWS::EC2::SecurityGroupIngress')).map(
      (r) => r.Properties as { FromPort: number; GroupId: unknown; SourceSecurityGroupId: unknown },
    );
    const fromRefresher = ingress.filter((r) =>
      JSON.stringify(r.SourceSecurityGroupId).includes('RollupRefresherSecurityGroup'),
    );
    expect(
      fromRefresher.map((r) => [r.FromPort, JSON.stringify(r.GroupId).includes('PostgresSecurityGroup')]),
    ).to.deep.equal([[5432, true]]);
    expect(ingress.filter((r) => JSON.stringify(r.GroupId).includes('RollupRefresherSecurityGroup'))).to.deep.equal([]);
  });
});

describe('deploy: the rollup refresher on an existing Redshift cluster', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  before(() => {
    synth = synthesise({
      ...DASHBOARD,
      redshift: 'existing',
      redshiftClusterId: 'city-warehouse',
      redshiftUrl: 'postgres://loader@city-warehouse.example:5439/dev',
      redshiftSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:city-warehouse-AbCdEf',
      redshiftReaderSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:city-reader-AbCdEf',
      redshiftRollupWriterSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:city-rollups-AbCdEf',
    });
  });
  after(() => removeSynth(synth));

  it("logs the refresher in with the operator's rollup writer secret, never the admin's", () => {
    const env = envOf(synth, 'RollupRefresherRollupsTaskDefinition');
    expect(JSON.stringify(env.REDSHIFT_URL)).to.include('city-rollups').and.include('@city-warehouse.example:5439/dev');
    expect(env).to.include({ REDSHIFT_DIALECT: 'redshift' });
    const secrets = secretsReadBy(synth, 'RollupRefresherRollupsTaskDefinitionExecutionRole');
    expect(secrets).to.include('city-rollups').and.not.include('city-warehouse-AbCdEf').and.not.include('city-reader');
    expect(envOf(synth, 'PublicDashboardTaskDefinition')).to.include({ DASHBOARD_ROLLUP_SECONDS: '0' });
  });
});
