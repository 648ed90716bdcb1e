// consumerMode=lambda: the function and its event source mapping as the Lambda guide advises, no KCL resources, least privilege, cdk-nag clean.
import { expect } from 'chai';
import { Match } from 'aws-cdk-lib/assertions';
import { iamViolations, removeSynth, statementsOfRole, synthesise, type Synthesised } from './synth-fixture';

describe('deploy: consumerMode=lambda', function () {
  this.timeout(300_000);
  let synth: Synthesised;
  after(() => removeSynth(synth));
  before(() => {
    synth = synthesise({ consumerMode: 'lambda', reportFrom: 'reports@city.example', reportTo: 'team@city.example' });
  });

  it('passes cdk-nag AwsSolutions with every finding acknowledged', () => {
    expect(synth.violations).to.deep.equal([]);
  });

  it('creates the handler on Node 22, arm64, with reserved concurrency', () => {
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: Match.anyValue(),
      Environment: { Variables: Match.objectLike({ SINKS: 'all', LOG_FILE: '-', REDSHIFT_MODE: 'data-api' }) },
    });
  });

  it('maps the stream with partial batch responses, bisect, bounded retries and age, and an SQS on-failure destination', () => {
    synth.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86_400,
      ParallelizationFactor: 1,
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('creates no KCL service, lease tables or checkpoint monitor', () => {
    const services = Object.values(synth.template.findResources('AWS::ECS::TaskDefinition')).map((r) =>
      JSON.stringify(r),
    );
    expect(services.some((r) => r.includes('KCL_APPLICATION_NAME') && r.includes('KCL_GENERATION'))).to.equal(false);
    const tables = synth.template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables).map((id) => id.replace(/[0-9A-F]{8}$/, ''))).to.deep.equal(['LeasesScalerTable']);
    const schedules = JSON.stringify(synth.template.findResources('AWS::Scheduler::Schedule'));
    expect(schedules).not.to.include('CheckpointMonitor');
  });

  it('alarms on the iterator age', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'IteratorAge',
      Namespace: 'AWS/Lambda',
      Statistic: 'Maximum',
      Threshold: 300_000,
    });
  });

  it('gives the function no DynamoDB, no wildcard action and S3 writes only under its prefixes', () => {
    const statements = statementsOfRole(synth.template, 'LambdaConsumerHandlerServiceRole');
    expect(statements.length).to.be.greaterThan(3);
    expect(iamViolations(statements)).to.deep.equal([]);
    const actions = statements.flatMap((s) => s.Action);
    expect(actions.filter((a) => a.startsWith('dynamodb:'))).to.deep.equal([]);
    expect(actions).to.include.members(['kinesis:GetRecords', 'kinesis:GetShardIterator', 's3:PutObject']);
    expect(actions).to.include.members(['comprehend:BatchDetectSentiment', 'comprehend:BatchDetectKeyPhrases']);
  });
});
