// A client-side rate limit for Comprehend calls: the project's TokenBucket, waited on in call order, with an injectable clock and sleep for tests.
import { sleep as realSleep } from '../../../common/sleep';
import { TokenBucket } from '../../../common/token-bucket';

export interface CallPacerOptions {
  readonly ratePerSecond: number;
  /** Calls the bucket holds when full (the largest burst); default: one second's worth, at least 1. */
  readonly capacity?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** `take()` resolves when a call may go out; callers are served in order. */
export class CallPacer {
  private readonly bucket: TokenBucket;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<void> = Promise.resolve();

  public constructor(options: CallPacerOptions) {
    if (!(options.ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${options.ratePerSecond}`);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.bucket = new TokenBucket(
      options.ratePerSecond,
      options.capacity ?? Math.max(1, options.ratePerSecond),
      this.now(),
    );
  }

  public take(): Promise<void> {
    const turn = this.queue.then(() => this.acquire());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async acquire(): Promise<void> {
    while (!this.bucket.tryTake(1, this.now())) await this.sleep(this.bucket.waitMs(1, this.now()));
  }
}
