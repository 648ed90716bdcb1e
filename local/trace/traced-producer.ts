// Sends tweets whose id and produce time are known through our producer (KPL aggregation), so a run can be reconciled record by record.
import { sleep } from '../../common/sleep';
import type { KinesisProducer, PutResult } from '../../producer';

/** One user record Kinesis accepted: its payload id, when it was handed to the producer, and where it landed. */
export interface TracedRecord {
  readonly id: string;
  readonly producedAtMs: number;
  /** When the producer reported the record accepted by Kinesis (PutRecords answered for it). */
  readonly acceptedAtMs: number;
  readonly result: PutResult;
}

export interface TracedSendOptions {
  readonly count: number;
  /** Payload ids are `<runId>-<index>`, so rows of other runs never match. */
  readonly runId: string;
  readonly firstIndex?: number;
  /** User records per second; undefined: as fast as the producer accepts them. */
  readonly ratePerSecond?: number;
  readonly signal?: AbortSignal;
  readonly onAccepted?: (record: TracedRecord) => void;
}

const TEXTS: readonly [string, string][] = [
  ['en', 'Love the new #transitpolicy, my commute is finally fast 😍'],
  ['en', 'The #transitpolicy is a disaster, buses late again 😡'],
  ['es', 'Me encanta la nueva #transitpolicy, por fin llego a tiempo 🙂'],
  ['en', "Not bad at all, the #transitpolicy isn't what I feared"],
];

/** A tweet whose created_at is the produce time: a row's loaded_at minus it is the end-to-end latency. */
export function tracedTweet(id: string, index: number, nowMs: number): string {
  const [lang, text] = TEXTS[index % TEXTS.length] ?? ['en', 'hello'];
  return JSON.stringify({
    id,
    text,
    lang,
    created_at: new Date(nowMs).toISOString(),
    user: { screen_name: `rider${index % 97}` },
    hashtags: ['transitpolicy'],
  });
}

/** Puts `count` traced tweets (random partition keys spread them over every shard); resolves with what Kinesis accepted once all settled. */
export async function sendTracedTweets(
  producer: KinesisProducer,
  options: TracedSendOptions,
): Promise<{ accepted: TracedRecord[]; failed: number }> {
  const accepted: TracedRecord[] = [];
  let failed = 0;
  const pending: Promise<void>[] = [];
  const started = Date.now();
  const first = options.firstIndex ?? 0;
  for (let i = 0; i < options.count; i += 1) {
    if (options.signal?.aborted === true) break;
    if (options.ratePerSecond !== undefined) {
      const wait = started + (i * 1_000) / options.ratePerSecond - Date.now();
      if (wait >= 5) await sleep(wait);
    }
    await producer.waitForCapacity();
    const index = first + i;
    const id = `${options.runId}-${index}`;
    const producedAtMs = Date.now();
    pending.push(
      producer
        .put({
          partitionKey: `${id}-${Math.random().toString(36).slice(2)}`,
          data: tracedTweet(id, index, producedAtMs),
        })
        .then(
          (result) => {
            const record = { id, producedAtMs, acceptedAtMs: Date.now(), result };
            accepted.push(record);
            options.onAccepted?.(record);
          },
          () => {
            failed += 1;
          },
        ),
    );
  }
  await producer.flush();
  await Promise.all(pending);
  return { accepted, failed };
}
