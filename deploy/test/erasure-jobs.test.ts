// Retention and erasure in the deployment: S3 lifecycle per dataset, the warehouse's scheduled delete, X's deletions on a schedule.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { readDeploySettings } from '../lib/deploy-settings';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

interface Container {
  Command?: string[];
  Environment?: { Name: string; Value: unknown }[];
  Secrets?: { Name: string; ValueFrom: unknown }[];
}

describe('deploy: retention and erasure jobs', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({
      reportFrom: 'reports@city.example',
      reportTo: 'team@city.example',
      collectorSource: 'x',
      collectorHashtag: 'ZBE',
      rawRetentionDays: '730',
      deadLetterRetentionDays: '90',
      curatedRetentionDays: '365',
      warehouseRetentionDays: '400',
      timeZone: 'Europe/Madrid',
    });
  });

  const containerRunning = (script: string): Container | undefined =>
    Object.values(synth.template.findResources('AWS::ECS::TaskDefinition'))
      .map((d) => (d.Properties as { ContainerDefinitions: Container[] }).ContainerDefinitions[0])
      .find((c) => (c?.Command ?? []).includes(script));
  const schedule = (prefix: string): { ScheduleExpression: string; ScheduleExpressionTimezone: string } | undefined =>
    Object.values(synth.template.findResources('AWS::Scheduler::Schedule'))
      .map(
        (r) => r.Properties as { ScheduleExpression: string; ScheduleExpressionTimezone: string; Description: string },
      )
      .find((s) => s.Description.startsWith(prefix));

  it('passes cdk-nag with the erasure roles acknowledged', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('expires each S3 dataset after its days, and keeps no old versions a forget would leave behind', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'expire-raw-archive', Prefix: 'raw/', ExpirationInDays: 730, Status: 'Enabled' }),
          Match.objectLike({ Id: 'expire-dead-letters', Prefix: 'errors/', ExpirationInDays: 90, Status: 'Enabled' }),
          Match.objectLike({ Id: 'expire-curated', Prefix: 'curated/', ExpirationInDays: 365, Status: 'Enabled' }),
        ]),
      },
    });
    const archive = Object.values(synth.template.findResources('AWS::S3::Bucket')).find((b) =>
      JSON.stringify(b.Properties).includes('expire-raw-archive'),
    );
    expect(archive?.Properties).to.not.have.property('VersioningConfiguration');
  });

  it('runs the warehouse retention daily in the stack time zone with the configured days and the tools login', () => {
    expect(schedule('Warehouse retention')).to.deep.include({
      ScheduleExpression: 'cron(30 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Madrid',
    });
    const task = containerRunning('dist/scripts/retention.js');
    const env = Object.fromEntries((task?.Environment ?? []).map((pair) => [pair.Name, pair.Value]));
    expect(env).to.include({ WAREHOUSE_RETENTION_DAYS: '400', REDSHIFT_VEHICLES_TABLE: 'public.vehicle_readings' });
    expect(env.REDSHIFT_URL).to.not.equal(undefined);
    expect((task?.Secrets ?? []).map((s) => s.Name)).to.include('REDSHIFT_PASSWORD');
  });

  it('feeds X compliance to forget daily, with the collector token as a secret and rights to rewrite only the datasets', () => {
    expect(schedule('X batch compliance')?.ScheduleExpression).to.equal('cron(45 4 * * ? *)');
    const task = containerRunning('dist/scripts/x-compliance.js');
    expect((task?.Secrets ?? []).map((s) => s.Name).sort()).to.deep.equal(['REDSHIFT_PASSWORD', 'X_BEARER_TOKEN']);
    const env = Object.fromEntries((task?.Environment ?? []).map((pair) => [pair.Name, pair.Value]));
    expect(env).to.include({ ARCHIVE_PREFIX: 'raw', ARCHIVE_ERROR_PREFIX: 'errors', CURATED_PREFIX: 'curated' });
    expect(JSON.stringify(env)).to.not.include('X_BEARER_TOKEN');
    const objects = statementsOfRole(synth.template, 'ErasureXComplianceTaskRole').find(
      (st) => st.Sid === 'ArchiveObjects',
    );
    expect(objects?.Action).to.include.members(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']);
    for (const prefix of ['/raw/*', '/errors/*', '/curated/*', '/curated-state/*'])
      expect(JSON.stringify(objects?.Resource)).to.include(prefix);
  });

  it('schedules neither job unless asked: no warehouse retention by default, no compliance job without the X collector', () => {
    expect(readDeploySettings({}).warehouseRetentionDays).to.equal(0);
    expect(() => readDeploySettings({ warehouseRetentionDays: '-1' })).to.throw('warehouseRetentionDays');
    expect(() => readDeploySettings({ retentionSchedule: 'daily' })).to.throw('retentionSchedule');
  });
});
