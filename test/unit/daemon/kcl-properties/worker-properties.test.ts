// The worker's properties from its environment: required names, generation, retrieval mode, endpoints, extra keys, task id.
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { readWorkerProperties, taskIdFromArn } from '../../../../daemon/kcl-properties/worker-properties';

const BASE = { KINESIS_STREAM_NAME: 'city-posts', KCL_APPLICATION_NAME: 'city-consumer', AWS_REGION: 'us-west-2' };

describe('worker properties', () => {
  it('sets stream, application, region, worker id and polling on the production template of the generation', () => {
    expect(readWorkerProperties({ ...BASE, KCL_GENERATION: '2' }, 'task-1').template).to.equal(
      'properties/production.properties',
    );
    const w = readWorkerProperties(BASE, 'task-1');
    expect(w.generation, 'the project default').to.equal(3);
    expect(w.template).to.equal('properties/production-kcl3.properties');
    expect(w.overrides).to.deep.equal({
      streamName: 'city-posts',
      applicationName: 'city-consumer',
      regionName: 'us-west-2',
      workerId: 'task-1',
      retrievalMode: 'POLLING',
    });
  });

  it('names the fan-out consumer after the application in FANOUT mode, and takes KCL_WORKER_ID over the task id', () => {
    const w = readWorkerProperties({ ...BASE, KCL_RETRIEVAL_MODE: 'FANOUT', KCL_WORKER_ID: 'fixed' }, 'task-1');
    expect(w.overrides).to.include({
      retrievalMode: 'FANOUT',
      'fanoutConfig.consumerName': 'city-consumer',
      workerId: 'fixed',
    });
  });

  it('turns the SDK endpoint variables and KCL_PROPERTY_<key> into daemon keys', () => {
    const w = readWorkerProperties(
      { ...BASE, AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:4567', KCL_PROPERTY_failoverTimeMillis: '4000' },
      'h',
    );
    expect(w.overrides).to.include({ kinesisEndpoint: 'http://127.0.0.1:4567', failoverTimeMillis: '4000' });
  });

  it('reports every missing or bad setting at once', () => {
    let problems: readonly string[] = [];
    try {
      readWorkerProperties({ KCL_GENERATION: '4', KCL_RETRIEVAL_MODE: 'PUSH', KCL_PROPERTY_: 'x' }, 'h');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    for (const name of [
      'KCL_GENERATION',
      'KCL_RETRIEVAL_MODE',
      'KCL_APPLICATION_NAME',
      'KINESIS_STREAM_NAME',
      'AWS_DEFAULT_REGION',
      'KCL_PROPERTY_',
    ]) {
      expect(problems.join('\n')).to.include(name);
    }
  });

  it('reads the task id from an ECS task ARN, with or without the cluster', () => {
    expect(taskIdFromArn('arn:aws:ecs:us-west-2:123456789012:task/city/0123456789abcdef0123456789abcdef')).to.equal(
      '0123456789abcdef0123456789abcdef',
    );
    expect(taskIdFromArn('arn:aws:ecs:us-west-2:123456789012:task/0123abcd')).to.equal('0123abcd');
    expect(taskIdFromArn('not an arn')).to.equal(undefined);
    expect(taskIdFromArn(42)).to.equal(undefined);
  });
});
