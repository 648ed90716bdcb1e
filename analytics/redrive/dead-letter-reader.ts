// Reads the dead letters of one reason back from S3, as the archive sink wrote them (consumer/sinks/s3/dead-letter.ts).
import { joinKey, utcHourPath } from '../../consumer/sinks/s3/archive-layout';
import type { DeadLetterDocument } from '../../consumer/sinks/s3/dead-letter';
import type { BucketStore } from '../curated-bucket';
import type { ArchivePeriod } from '../replay/archive-period';
import { RedriveInputError } from './redrive-errors';

/** One dead-letter object: its key and its lines (in stream order). */
export interface DeadLetterObjectRead {
  readonly key: string;
  readonly letters: readonly DeadLetterDocument[];
}

/** `<error-prefix>/<reason>/`: the folder of one reason (the reason made key-safe as deadLetterKey does). */
export function reasonFolder(errorPrefix: string, reason: string): string {
  return `${joinKey(errorPrefix, reason.replace(/[^A-Za-z0-9._-]/g, '_'))}/`;
}

/**
 * The hour folders of a reason that can hold letters of the period (an object lies in the hour of its first letter, so
 * one hour before too), or the whole reason folder without a period (letters are then filtered by arrival).
 */
export function deadLetterPrefixes(errorPrefix: string, reason: string, period?: ArchivePeriod): string[] {
  const folder = reasonFolder(errorPrefix, reason);
  const hour = 3_600_000;
  // An open or long period (--from or --to alone) lists the whole reason folder rather than thousands of hours.
  if (period === undefined || period.toMs - period.fromMs > 31 * 24 * hour) return [folder];
  const prefixes: string[] = [];
  for (let t = Math.floor(period.fromMs / hour) * hour - hour; t < period.toMs; t += hour)
    prefixes.push(`${joinKey(folder, utcHourPath(t))}/`);
  return prefixes;
}

/** Every dead-letter object of the reason (in key order) with its letters whose arrival lies in the period. */
export async function readDeadLetters(
  store: BucketStore,
  errorPrefix: string,
  reason: string,
  period?: ArchivePeriod,
): Promise<DeadLetterObjectRead[]> {
  const objects: DeadLetterObjectRead[] = [];
  for (const prefix of deadLetterPrefixes(errorPrefix, reason, period)) {
    for (const listed of await store.list(prefix)) {
      if (!listed.key.endsWith('.jsonl')) continue;
      const bytes = await store.get(listed.key);
      if (bytes === undefined) continue;
      const letters = parseDeadLetters(listed.key, bytes).filter(
        (letter) =>
          period === undefined ||
          (letter.approximateArrivalTimestamp >= period.fromMs && letter.approximateArrivalTimestamp < period.toMs),
      );
      if (letters.length > 0) objects.push({ key: listed.key, letters });
    }
  }
  return objects;
}

/** The lines of one dead-letter object; a line that is not a dead letter throws RedriveInputError (never skipped silently). */
export function parseDeadLetters(key: string, bytes: Buffer): DeadLetterDocument[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      let parsed: Partial<DeadLetterDocument>;
      try {
        parsed = JSON.parse(line) as Partial<DeadLetterDocument>;
      } catch {
        throw new RedriveInputError(key, `line ${i + 1} is not JSON`);
      }
      if (
        typeof parsed.shardId !== 'string' ||
        typeof parsed.sequenceNumber !== 'string' ||
        typeof parsed.subSequenceNumber !== 'number' ||
        typeof parsed.data !== 'string' ||
        typeof parsed.reason !== 'string'
      )
        throw new RedriveInputError(key, `line ${i + 1} lacks a dead letter's identity, reason or data`);
      return {
        shardId: parsed.shardId,
        sequenceNumber: parsed.sequenceNumber,
        subSequenceNumber: parsed.subSequenceNumber,
        partitionKey: typeof parsed.partitionKey === 'string' ? parsed.partitionKey : '',
        approximateArrivalTimestamp:
          typeof parsed.approximateArrivalTimestamp === 'number' ? parsed.approximateArrivalTimestamp : 0,
        reason: parsed.reason,
        detail: typeof parsed.detail === 'string' ? parsed.detail : '',
        data: parsed.data,
      };
    });
}
