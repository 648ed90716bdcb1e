// KCL 2 (the lease table alone) with an existing Redshift cluster (no Serverless, DDL on the cluster), the Kinesis endpoint, Instagram.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

describe('deploy: KCL 2 with an existing cluster', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({
      kclGeneration: '2',
      redshift: 'existing',
      redshiftClusterId: 'city-warehouse',
      redshiftUrl: 'postgres://loader@city-warehouse.example:5439/dev',
      redshiftSecretArn: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:city-warehouse-AbCdEf',
      applicationName: 'city-consumer',
      timeZone: 'Europe/Madrid',
      shardCount: '4',
      collectorSource: 'instagram',
      collectorHashtag: 'MadridCentral',
      reportFrom: 'reports@city.example',
      kinesisVpcEndpoint: 'true',
    });
  });

  it('passes cdk-nag', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('creates only the lease table, without the KCL 3 index and tables, and grants nothing on them', () => {
    synth.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'city-consumer',
      KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: Match.absent(),
    });
    expect(
      Object.keys(
        synth.template.findResources('AWS::DynamoDB::Table', {
          Properties: { TableName: Match.stringLikeRegexp('WorkerMetricStats|CoordinatorState') },
        }),
      ),
    ).to.deep.equal([]);
    expect(statementsOfRole(synth.template, 'ConsumerTaskRole').find((s) => s.Sid === 'Kcl3Tables')).to.equal(
      undefined,
    );
  });

  it('uses the existing cluster through the Data API and creates no Serverless resources', () => {
    synth.template.resourceCountIs('AWS::RedshiftServerless::Workgroup', 0);
    const consumer = statementsOfRole(synth.template, 'ConsumerTaskRole');
    expect(JSON.stringify(consumer.find((s) => s.Sid === 'RedshiftDataExecute')?.Resource)).to.include(
      ':cluster:city-warehouse',
    );
    expect(JSON.stringify(synth.template.findResources('Custom::AWS'))).to.include('city-warehouse');
  });

  it('adds the Kinesis interface endpoint when asked', () => {
    const endpoints = Object.values(
      synth.template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { VpcEndpointType: 'Interface', PrivateDnsEnabled: true },
      }),
    );
    expect(endpoints).to.have.length(1);
    expect(JSON.stringify(endpoints[0])).to.include('.kinesis-streams');
  });

  it('passes the generation to the consumer and the time zone to every schedule; the collector gets its Instagram secrets', () => {
    expect(JSON.stringify(synth.template.findResources('AWS::ECS::TaskDefinition'))).to.include(
      '"Name":"KCL_GENERATION","Value":"2"',
    );
    for (const schedule of Object.values(synth.template.findResources('AWS::Scheduler::Schedule'))) {
      expect((schedule.Properties as { ScheduleExpressionTimezone: string }).ScheduleExpressionTimezone).to.equal(
        'Europe/Madrid',
      );
    }
    synth.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({ Secrets: Match.arrayWith([Match.objectLike({ Name: 'INSTAGRAM_ACCESS_TOKEN' })]) }),
      ],
    });
    synth.template.hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 4 });
  });
});
