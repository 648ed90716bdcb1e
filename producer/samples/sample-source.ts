// Turns the sample generators into a stream of user records (partition key + bytes) for the CLI and the local pipeline.
import { TweetSample } from './tweet-sample';
import { toLegacyLine, VehicleSample } from './vehicle-sample';

export type SampleKind = 'tweets' | 'vehicles' | 'mixed';

export interface SampleRecord {
  readonly partitionKey: string;
  readonly data: string;
}

/** Tweets are keyed by user, vehicles by VIN (one vehicle's readings stay in order on one shard). */
export function sampleRecords(kind: SampleKind, seed = 42): () => SampleRecord {
  const tweets = new TweetSample(seed);
  const vehicles = new VehicleSample(seed + 1);
  let count = 0;
  const tweet = (): SampleRecord => {
    const t = tweets.next();
    return { partitionKey: t.user, data: JSON.stringify(t) };
  };
  const vehicle = (): SampleRecord => {
    const v = vehicles.next();
    // One reading in five uses the legacy line form, as older devices still send it.
    return { partitionKey: v.vin, data: count % 5 === 4 ? toLegacyLine(v) : JSON.stringify(v) };
  };
  return () => {
    count += 1;
    if (kind === 'tweets') return tweet();
    if (kind === 'vehicles') return vehicle();
    return count % 2 === 0 ? tweet() : vehicle();
  };
}
