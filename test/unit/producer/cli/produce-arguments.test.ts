// The produce CLI's arguments: every problem reported at once, environment as fallback, rates like "200/s".
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { parseProduceArguments } from '../../../../producer/cli/produce-arguments';

describe('parseProduceArguments', () => {
  it('reads options, taking the stream and endpoint from the environment when not given', () => {
    const config = parseProduceArguments(['--sample', 'tweets', '--rate', '200/s', '--count', '10'], {
      KINESIS_STREAM_NAME: 'tweets',
      AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:4567',
    });
    expect(config).to.not.equal('help');
    if (config === 'help') return;
    expect(config).to.include({ streamName: 'tweets', ratePerSecond: 200, count: 10, json: false });
    expect(config.aws.endpoints.kinesis).to.equal('http://127.0.0.1:4567');
  });

  it('prefers command-line options over the environment', () => {
    const config = parseProduceArguments(['--file', '-', '--stream', 'cli-stream', '--region', 'eu-west-1'], {
      KINESIS_STREAM_NAME: 'env-stream',
      AWS_REGION: 'us-east-1',
    });
    if (config === 'help') throw new Error('unexpected help');
    expect(config.streamName).to.equal('cli-stream');
    expect(config.aws.region).to.equal('eu-west-1');
  });

  it('reports every problem in one ConfigError', () => {
    let error: unknown;
    try {
      parseProduceArguments(['--sample', 'cats', '--rate', 'fast', '--count', '0', '--file', '/no/such/file'], {});
    } catch (e: unknown) {
      error = e;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.have.length(7);
  });

  it('returns help for --help', () => {
    expect(parseProduceArguments(['--help'], {})).to.equal('help');
  });
});
