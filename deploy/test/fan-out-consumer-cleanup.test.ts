// retrievalMode=FANOUT: destroy deregisters the KCL's consumer (after the service stops, before the stream goes); POLLING creates nothing of the kind.
import { expect } from 'chai';
import { removeSynth, synthesise, type Synthesised } from './synth-fixture';

const DEREGISTER = 'DeregisterStreamConsumer';

describe('deploy: the fan-out consumer on destroy', function () {
  this.timeout(300_000);
  let fanout: Synthesised;
  let polling: Synthesised;
  after(() => {
    removeSynth(fanout);
    removeSynth(polling);
  });
  before(() => {
    const common = { applicationName: 'city-consumer', reportFrom: 'reports@city.example' };
    fanout = synthesise({ ...common, retrievalMode: 'FANOUT' });
    polling = synthesise({ ...common, retrievalMode: 'POLLING' });
  });

  it('passes cdk-nag', () => {
    expect(fanout.violations).to.deep.equal([]);
  });

  it("deregisters the application's consumer on delete, and on delete only", () => {
    const resources = Object.entries(fanout.template.findResources('Custom::AWS')).filter(([, r]) =>
      JSON.stringify(r).includes(DEREGISTER),
    );
    expect(resources, 'one deregistration resource').to.have.length(1);
    const properties = (resources[0]?.[1] as { Properties: Record<string, unknown> }).Properties;
    expect(properties.Create, 'nothing on create').to.equal(undefined);
    expect(properties.Update, 'nothing on update').to.equal(undefined);
    const onDelete = JSON.stringify(properties.Delete);
    expect(onDelete).to.include(`"action\\":\\"${DEREGISTER}\\"`);
    expect(onDelete).to.include('\\"ConsumerName\\":\\"city-consumer\\"');
    expect(onDelete).to.include('ResourceNotFoundException');
  });

  it('deletes the KCL service before the deregistration, and the deregistration before the stream', () => {
    const [deregisterId] = Object.entries(fanout.template.findResources('Custom::AWS'))
      .filter(([, r]) => JSON.stringify(r).includes(DEREGISTER))
      .map(([id]) => id);
    const services = fanout.template.findResources('AWS::ECS::Service');
    const consumerService = Object.entries(services).find(([id]) => id.startsWith('ConsumerService'));
    expect(consumerService, 'the KCL service').not.to.equal(undefined);
    expect((consumerService?.[1] as { DependsOn?: string[] }).DependsOn ?? []).to.include(deregisterId);
    // The deregistration names the stream's ARN, so CloudFormation deletes it before the stream.
    const [streamId] = Object.keys(fanout.template.findResources('AWS::Kinesis::Stream'));
    const deregister = fanout.template.findResources('Custom::AWS')[deregisterId ?? ''];
    expect(JSON.stringify(deregister)).to.include(`"${streamId}","Arn"`);
  });

  it('grants the provider DeregisterStreamConsumer under the stream only', () => {
    const policies = JSON.stringify(fanout.template.findResources('AWS::IAM::Policy'));
    expect(policies).to.include('kinesis:DeregisterStreamConsumer');
    const statements = Object.values(fanout.template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const deregistering = statements.filter((s) => JSON.stringify(s.Action).includes('DeregisterStreamConsumer'));
    expect(deregistering).to.have.length(1);
    expect(JSON.stringify(deregistering[0]?.Action)).to.equal('"kinesis:DeregisterStreamConsumer"');
    expect(JSON.stringify(deregistering[0]?.Resource)).to.include('/consumer/*');
  });

  it('creates no deregistration under POLLING', () => {
    expect(JSON.stringify(polling.template.toJSON())).not.to.include(DEREGISTER);
  });
});
