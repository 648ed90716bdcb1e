// Sends sample tweets through our producer at a modest rate so something always flows through the local pipeline.
import type { KinesisProducer, PutResult } from '../producer';

const TEXTS: readonly [string, string][] = [
  ['en', 'Love the new #transitpolicy, my commute is finally fast 😍'],
  ['en', 'The #transitpolicy is a disaster, buses late again 😡'],
  ['en', 'Council meets Tuesday to discuss the #transitpolicy'],
  ['es', 'Me encanta la nueva #transitpolicy, por fin llego a tiempo 🙂'],
  ['es', 'La #transitpolicy no funciona, otra vez tarde 😞'],
  ['en', "Not bad at all, the #transitpolicy isn't what I feared"],
];

export interface TrickleOptions {
  readonly producer: KinesisProducer;
  readonly recordsPerSecond: number;
  /** Called for every record Kinesis accepted. */
  readonly onAccepted?: (result: PutResult, producedAtMs: number) => void;
  readonly onFailed?: (error: unknown) => void;
}

/** A tweet-shaped record; `created_at` is the produce time, so the row's loaded_at minus it is the end-to-end latency. */
export function sampleTweet(index: number, nowMs: number): { id: string; data: string } {
  const [lang, text] = TEXTS[index % TEXTS.length] ?? ['en', 'hello'];
  const id = `${nowMs.toString(36)}-${index}`;
  const tweet = { id, text, lang, created_at: new Date(nowMs).toISOString(), user: { id: `u${index % 97}`, screen_name: `rider${index % 97}` }, hashtags: ['transitpolicy'] };
  return { id, data: JSON.stringify(tweet) };
}

export class SampleTrickle {
  private timer: NodeJS.Timeout | undefined;
  private sent = 0;
  private accepted = 0;
  private readonly inFlight = new Set<Promise<void>>();

  public constructor(private readonly options: TrickleOptions) {}

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
    const { id, data } = sampleTweet(this.sent, now);
    this.sent += 1;
    const pending = this.options.producer.put({ partitionKey: id, data: Buffer.from(data) })
      .then((result) => { this.accepted += 1; this.options.onAccepted?.(result, now); })
      .catch((error: unknown) => this.options.onFailed?.(error))
      .finally(() => this.inFlight.delete(pending));
    this.inFlight.add(pending);
  }
}
