// A sink that keeps batches in memory, idempotent on record identity like the real sinks; for tests and embedding.
import { identityKey } from '../../common/user-record';
import type { Rejection } from '../../consumer/decode/decoded-record';
import type { ScoredPost, Sink, SinkBatch, VehicleRow } from '../../consumer/sinks/sink';

export class InMemorySink implements Sink {
  public readonly records = new Map<string, SinkBatch['records'][number]>();
  public readonly posts = new Map<string, ScoredPost>();
  public readonly vehicles = new Map<string, VehicleRow>();
  public readonly rejections = new Map<string, Rejection>();
  /** How many write() calls arrived (including failed ones). */
  public writes = 0;
  private failuresLeft = 0;
  private failure: Error = new Error('injected failure');

  public constructor(public readonly name = 'memory') {}

  /** The next `count` writes reject with `error` (to exercise retries and back-pressure). */
  public failNext(count: number, error: Error = new Error('injected failure')): void {
    this.failuresLeft = count;
    this.failure = error;
  }

  public async write(batch: SinkBatch): Promise<void> {
    this.writes += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw this.failure;
    }
    for (const record of batch.records) this.records.set(identityKey(record), record);
    for (const post of batch.posts) this.posts.set(identityKey(post.record), post);
    for (const vehicle of batch.vehicles) this.vehicles.set(identityKey(vehicle.record), vehicle);
    for (const rejection of batch.rejections) this.rejections.set(identityKey(rejection.record), rejection);
  }

  /** Keeps refused records with the decoder's rejections (both are dead letters). */
  public async writeRejected(rejections: readonly Rejection[]): Promise<void> {
    for (const rejection of rejections) this.rejections.set(identityKey(rejection.record), rejection);
  }

  public async close(): Promise<void> {}
}
