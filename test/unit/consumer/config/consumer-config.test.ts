// The consumer's configuration: defaults, and one error that lists every problem.
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { readConsumerConfig } from '../../../../consumer/config/consumer-config';

describe('readConsumerConfig', () => {
  it('needs nothing for the dry run and names the log file after the process', () => {
    const config = readConsumerConfig({ SINKS: 'none' }, 42);
    expect(config.sinkConfig).to.equal(undefined);
    expect(config.logFile).to.match(/consumer-42\.log$/);
    expect(Object.isFrozen(config)).to.equal(true);
  });

  it('reports every problem at once instead of the first', () => {
    let error: unknown;
    try {
      readConsumerConfig(
        { SINKS: 'all', BATCH_MAX_RECORDS: 'lots', MAX_OPEN_BATCHES: '0', SENTIMENT_ANALYZER: 'magic' },
        1,
      );
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['BATCH_MAX_RECORDS', 'MAX_OPEN_BATCHES', 'SENTIMENT_ANALYZER', 'ARCHIVE_BUCKET'])
      expect(problems).to.include(name);
  });

  it('reads the sinks when they are on', () => {
    const config = readConsumerConfig(
      { ARCHIVE_BUCKET: 'raw-posts', REDSHIFT_URL: 'postgres://u@127.0.0.1:5433/db' },
      1,
    );
    expect(config.sinkConfig?.archive?.bucket).to.equal('raw-posts');
  });

  it('reads the delivery retry policy and refuses hold delays that cannot be (base above max)', () => {
    const config = readConsumerConfig(
      { SINKS: 'none', DELIVERY_RETRY_ATTEMPTS: '3', DELIVERY_HOLD_BASE_MS: '1000', DELIVERY_HOLD_MAX_MS: '4000' },
      1,
    );
    expect(config.deliveryRetryAttempts).to.equal(3);
    expect(config.deliveryHold).to.deep.equal({ maxAttempts: Infinity, baseDelayMs: 1000, maxDelayMs: 4000 });
    expect(() =>
      readConsumerConfig({ SINKS: 'none', DELIVERY_HOLD_BASE_MS: '5000', DELIVERY_HOLD_MAX_MS: '10' }, 1),
    ).to.throw(ConfigError, /DELIVERY_HOLD\.baseDelayMs/);
  });

  it('guards the shard range by default with sinks, not in the dry run, and refuses an unknown mode', () => {
    expect(
      readConsumerConfig({ ARCHIVE_BUCKET: 'raw-posts', REDSHIFT_URL: 'postgres://u@127.0.0.1:5433/db' }, 1)
        .shardRangeFilter,
    ).to.equal('aggregates');
    expect(readConsumerConfig({ SINKS: 'none' }, 1).shardRangeFilter).to.equal('off');
    expect(readConsumerConfig({ SINKS: 'none', SHARD_RANGE_FILTER: 'aggregates' }, 1).shardRangeFilter).to.equal(
      'aggregates',
    );
    expect(() => readConsumerConfig({ SINKS: 'none', SHARD_RANGE_FILTER: 'sometimes' }, 1)).to.throw(
      ConfigError,
      /SHARD_RANGE_FILTER/,
    );
  });
});
