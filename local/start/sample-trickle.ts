// Sends live sample data through our producer so something always flows locally: posts on the city hashtag (live-posts.ts) and vehicle readings.
import type { KinesisProducer, PutResult } from '../../producer';
import type { SampleRecord } from '../../producer/samples/sample-source';
import { toLegacyLine, VehicleSample } from '../../producer/samples/vehicle-sample';
import { LIVE_POSTS_DEFAULTS, LivePosts, type LivePostsOptions } from './live-posts';

export interface TrickleOptions {
  readonly producer: KinesisProducer;
  /** Vehicle readings per second (0: none). */
  readonly recordsPerSecond: number;
  /** The posts' schedule; postsPerMinute 0 and no bursts: no posts. */
  readonly posts?: LivePostsOptions;
  /** Called for every record Kinesis accepted. */
  readonly onAccepted?: (result: PutResult, producedAtMs: number) => void;
  readonly onFailed?: (error: unknown) => void;
  readonly now?: () => number;
}

const TICK_MS = 200;

export class SampleTrickle {
  private timer: NodeJS.Timeout | undefined;
  private accepted = 0;
  private postsSent = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly vehicles: VehicleSample;
  private readonly posts: LivePosts;
  private readonly now: () => number;
  private vehicleCredit = 0;
  private vehicleCount = 0;

  public constructor(private readonly options: TrickleOptions) {
    this.now = options.now ?? Date.now;
    const posts = options.posts ?? LIVE_POSTS_DEFAULTS;
    this.vehicles = new VehicleSample(posts.seed + 1);
    this.posts = new LivePosts(this.now(), posts);
  }

  public get acceptedCount(): number {
    return this.accepted;
  }
  /** Posts handed to the producer so far. */
  public get postCount(): number {
    return this.postsSent;
  }

  public start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops sending, then waits for what is in flight and flushes the producer. */
  public async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.options.producer.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private tick(): void {
    const now = this.now();
    for (const post of this.posts.due(now)) {
      this.postsSent += 1;
      this.sendOne(post.record, now);
    }
    this.vehicleCredit += (this.options.recordsPerSecond * TICK_MS) / 1000;
    while (this.vehicleCredit >= 1) {
      this.vehicleCredit -= 1;
      this.sendOne(this.vehicle(now), now);
    }
  }

  /** A reading stamped now; one in five in the legacy line form, as older devices still send it. */
  private vehicle(now: number): SampleRecord {
    const reading = { ...this.vehicles.next(), timestamp: new Date(now).toISOString() };
    this.vehicleCount += 1;
    return {
      partitionKey: reading.vin,
      data: this.vehicleCount % 5 === 0 ? toLegacyLine(reading) : JSON.stringify(reading),
    };
  }

  private sendOne(record: SampleRecord, now: number): void {
    const pending = this.options.producer
      .put(record)
      .then((result) => {
        this.accepted += 1;
        this.options.onAccepted?.(result, now);
      })
      .catch((error: unknown) => this.options.onFailed?.(error))
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
  }
}
