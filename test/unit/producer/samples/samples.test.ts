// Sample data: deterministic per seed, and in shapes the consumer's own parser accepts.
import { expect } from 'chai';
import { parsePayload } from '../../../../consumer/decode/payload-parser';
import { sampleRecords } from '../../../../producer/samples/sample-source';
import { TweetSample } from '../../../../producer/samples/tweet-sample';
import { toLegacyLine, VehicleSample } from '../../../../producer/samples/vehicle-sample';

const asUserRecord = (data: string): Parameters<typeof parsePayload>[0] => ({
  shardId: 'shardId-000000000000',
  sequenceNumber: '1',
  subSequenceNumber: 0,
  partitionKey: 'k',
  approximateArrivalTimestamp: 0,
  data: Buffer.from(data),
});

describe('sample data', () => {
  it('produces the same records for the same seed and different ones for another', () => {
    const a = sampleRecords('mixed', 5);
    const b = sampleRecords('mixed', 5);
    const c = sampleRecords('mixed', 6);
    const first = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).to.deep.equal(first);
    expect(Array.from({ length: 20 }, () => c())).to.not.deep.equal(first);
  });

  it('writes tweets in English and Spanish, with emoji, about the policy hashtag, that the consumer parses as posts', () => {
    const sample = new TweetSample(1);
    const tweets = Array.from({ length: 500 }, () => sample.next());
    expect(new Set(tweets.map((t) => t.lang))).to.deep.equal(new Set(['en', 'es']));
    expect(tweets.filter((t) => /\p{Extended_Pictographic}/u.test(t.text)).length).to.be.greaterThan(100);
    expect(
      tweets.every((t) => t.hashtags.includes('LowEmissionZone') || t.hashtags.includes('ZonaBajasEmisiones')),
    ).to.equal(true);
    expect(
      tweets.every((t) => typeof t.id === 'string' && new Date(t.created_at).toISOString() === t.created_at),
    ).to.equal(true);
    for (const tweet of tweets.slice(0, 50))
      expect(parsePayload(asUserRecord(JSON.stringify(tweet))).kind).to.equal('post');
  });

  it('writes vehicle readings as JSON and as the legacy line, both parsed as vehicle readings', () => {
    const sample = new VehicleSample(3);
    for (let i = 0; i < 50; i += 1) {
      const reading = sample.next();
      expect(parsePayload(asUserRecord(JSON.stringify(reading))).kind).to.equal('vehicle');
      expect(parsePayload(asUserRecord(toLegacyLine(reading))).kind).to.equal('vehicle');
    }
  });
});
