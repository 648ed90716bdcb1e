// Redrives the dead letters of one reason: each dead-letter object's letters not yet redriven, through the core, then the ledger.
import type { DeadLetterDocument } from '../../consumer/sinks/s3/dead-letter';
import type { BucketStore } from '../curated-bucket';
import type { ArchivePeriod } from '../replay/archive-period';
import { readDeadLetters } from './dead-letter-reader';
import { inputKey, redriveRecords, type RedriveCoreDeps, type RedriveInput } from './redrive-core';
import type { LetterOutcome, RedriveLedger } from './redrive-ledger';
import { emptyCounts, tally, type RedriveCounts } from './redrive-summary';

export interface DeadLetterRedriveOptions {
  readonly errorPrefix: string;
  readonly reason: string;
  readonly period?: ArchivePeriod;
  readonly dryRun: boolean;
  /** One line per dead-letter object, for stderr. */
  readonly progress: (text: string) => void;
}

/** The letter as the daemon delivered it: the dead letter keeps the raw bytes (base64) and the identity. */
export function letterInput(letter: DeadLetterDocument): RedriveInput {
  return {
    shardId: letter.shardId,
    delivered: {
      data: letter.data,
      partitionKey: letter.partitionKey,
      sequenceNumber: letter.sequenceNumber,
      subSequenceNumber: letter.subSequenceNumber,
      approximateArrivalTimestamp: letter.approximateArrivalTimestamp,
    },
  };
}

/**
 * For each dead-letter object of the reason (key order): skips letters the ledger marks redriven, sends the others
 * through redriveRecords (one object holds one shard's letters, in stream order), then records every outcome in the
 * ledger, only after the sinks hold the rows. A letter that fails again stays where it is; the ledger keeps its new
 * reason and a later run tries it again.
 */
export async function redriveDeadLetters(
  store: BucketStore,
  ledger: RedriveLedger,
  core: RedriveCoreDeps,
  options: DeadLetterRedriveOptions,
): Promise<RedriveCounts> {
  const counts = emptyCounts();
  for (const object of await readDeadLetters(store, options.errorPrefix, options.reason, options.period)) {
    counts.objects += 1;
    const entry = await ledger.read(object.key);
    const pending = object.letters.filter(
      (letter) => entry.letters[inputKey(letterInput(letter))]?.outcome !== 'redriven',
    );
    counts.records += object.letters.length;
    counts.alreadyRedriven += object.letters.length - pending.length;
    if (pending.length === 0) {
      options.progress(`skipped ${object.key}: all ${object.letters.length} letters redriven before`);
      continue;
    }
    const { results } = await redriveRecords(pending.map(letterInput), core, options.dryRun);
    const at = new Date().toISOString();
    const outcomes: Record<string, LetterOutcome> = {};
    for (const [key, result] of results) {
      tally(counts, result);
      outcomes[key] =
        result.outcome === 'redriven'
          ? { outcome: 'redriven', at }
          : {
              outcome: 'failed-again',
              reason: result.rejections[0]?.reason ?? 'processing-error',
              detail: result.rejections[0]?.detail ?? '',
              at,
            };
    }
    if (!options.dryRun) await ledger.record(entry, outcomes);
    const again = Object.values(outcomes).filter((o) => o.outcome === 'failed-again').length;
    options.progress(
      `${options.dryRun ? 'would redrive' : 'redrove'} ${object.key}: ${pending.length - again} of ${pending.length} letters${again > 0 ? ` (${again} failed again)` : ''}`,
    );
  }
  return counts;
}
