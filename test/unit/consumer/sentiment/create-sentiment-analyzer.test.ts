// The analyzer factory and its configuration: each kind, and every bad setting reported at once.
import { expect } from 'chai';
import { AwsClientFactory } from '../../../../common/aws/client-factory';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { createSentimentAnalyzer } from '../../../../consumer/sentiment/create-sentiment-analyzer';
import { DEFAULT_SENTIMENT_CONFIG, readSentimentConfig } from '../../../../consumer/sentiment/sentiment-config';

describe('createSentimentAnalyzer', () => {
  it('builds the local analyzer by default and the NEUTRAL stub on request', async () => {
    expect(createSentimentAnalyzer(DEFAULT_SENTIMENT_CONFIG).name).to.equal('local');
    const neutral = createSentimentAnalyzer({ ...DEFAULT_SENTIMENT_CONFIG, analyzer: 'neutral' });
    expect(await neutral.analyze([{ text: 'I love it', lang: 'en' }])).to.deep.equal([
      { ok: true, label: 'NEUTRAL', lang: 'en', scores: { Positive: 0, Negative: 0, Neutral: 1, Mixed: 0 } },
    ]);
  });

  it('builds the Comprehend adapter from the client factory, and refuses without one', () => {
    const aws = new AwsClientFactory({
      region: 'us-east-1',
      endpoints: { comprehend: 'http://127.0.0.1:9' },
      s3ForcePathStyle: true,
    });
    try {
      expect(createSentimentAnalyzer({ ...DEFAULT_SENTIMENT_CONFIG, analyzer: 'comprehend' }, { aws }).name).to.equal(
        'comprehend',
      );
    } finally {
      aws.destroy();
    }
    expect(() => createSentimentAnalyzer({ ...DEFAULT_SENTIMENT_CONFIG, analyzer: 'comprehend' })).to.throw(TypeError);
  });

  it('reads settings and reports every bad one in a single error', () => {
    const good = new ConfigReader('sentiment', [
      { SENTIMENT_ANALYZER: 'comprehend', SENTIMENT_COMPREHEND_CALLS_PER_SECOND: '2.5' },
    ]);
    expect(good.finish(readSentimentConfig(good))).to.deep.include({
      analyzer: 'comprehend',
      comprehend: { callsPerSecond: 2.5, maxAttempts: 6, keyPhrases: true },
    });
    const bad = new ConfigReader('sentiment', [
      { SENTIMENT_ANALYZER: 'vader', SENTIMENT_COMPREHEND_CALLS_PER_SECOND: '0', SENTIMENT_FALLBACK_LANGUAGE: 'fr' },
    ]);
    const config = readSentimentConfig(bad);
    let error: unknown;
    try {
      bad.finish(config);
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.have.length(3);
  });
});
