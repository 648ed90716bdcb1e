// Sends the producer's sample data (tweets and vehicle readings) through our producer at a modest rate so something always flows locally.
import type { KinesisProducer, PutResult } from '../producer';
import { sampleRecords, type SampleKind } from '../producer/samples/sample-source';

export interface TrickleOptions {
  readonly producer: KinesisProducer;
  readonly recordsPerSecond: number;
  /** Which generator of producer/samples (default mixed: both tables fill). */
  readonly sample?: SampleKind;
  /** A different seed per start, so a restart does not send the same records again. */
  readonly seed?: number;
  /** Called for every record Kinesis accepted. */
  readonly onAccepted?: (result: PutResult, producedAtMs: number) => void;
  readonly onFailed?: (error: unknown) => void;
}

export class SampleTrickle {
  private timer: NodeJS.Timeout | undefined;
  private accepted = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly next: () => { partitionKey: string; data: string };

  public constructor(private readonly options: TrickleOptions) {
    this.next = sampleRecords(options.sample ?? 'mixed', options.seed ?? Date.now() % 2_147_483_647);
  }

  public get acceptedCount(): number { return this.accepted; }

  public start(): void {
    const tickMs = 200;
    const perTick = Math.max(1, Math.round((this.options.recordsPerSecond * tickMs) / 1000));
    this.timer = setInterval(() => { for (let i = 0; i < perTick; i += 1) this.sendOne(); }, tickMs);
  }

  /** Stops sending, then waits for what is in flight and flushes the producer. */
  public async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.options.producer.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private sendOne(): void {
    const now = Date.now();
    const pending = this.options.producer.put(this.next())
      .then((result) => { this.accepted += 1; this.options.onAccepted?.(result, now); })
      .catch((error: unknown) => this.options.onFailed?.(error))
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
  }
}
