// The rolling budget of UpdateShardCount calls: what the ledger says was used in 24 h, and what a plan may spend.
import type { BudgetView } from './scaling-plan';
import { UPDATE_SHARD_COUNT_DAILY_LIMIT } from './scaling-policy';

const DAY_MS = 24 * 60 * 60 * 1000;

/** One UpdateShardCount call, as recorded in the ledger. */
export interface LedgerEntry {
  readonly at: string;
  readonly from: number;
  readonly to: number;
  readonly operator: string;
}

export function entriesInWindow(entries: readonly LedgerEntry[], now: Date): LedgerEntry[] {
  return entries.filter((e) => now.getTime() - Date.parse(e.at) < DAY_MS);
}

/** How many operations a plan may use: everything for emergencies, all but the reserve otherwise. */
export function budgetFor(
  entries: readonly LedgerEntry[],
  now: Date,
  reserved: number,
  emergency: boolean,
  stepsWanted: number,
): BudgetView {
  const used = entriesInWindow(entries, now);
  const ceiling = emergency ? UPDATE_SHARD_COUNT_DAILY_LIMIT : UPDATE_SHARD_COUNT_DAILY_LIMIT - reserved;
  const availableBefore = Math.max(0, ceiling - used.length);
  const oldest = used.map((e) => Date.parse(e.at)).sort((a, b) => a - b)[0];
  return {
    limit: UPDATE_SHARD_COUNT_DAILY_LIMIT,
    reserved,
    usedLast24h: used.length,
    emergency,
    availableBefore,
    availableAfter: availableBefore - Math.min(availableBefore, stepsWanted),
    nextOperationFreedAt: oldest === undefined ? null : new Date(oldest + DAY_MS).toISOString(),
  };
}
