// Forgets a target everywhere it is stored: warehouse (with rollups), curated dataset, raw archive, dead letters.
import { pendingKeys } from '../compaction/compact-curated';
import type { BucketStore } from '../curated-bucket';
import type { PgQueryRunner } from '../../reporting/posts/pg-query-runner';
import type { SqlEngine } from '../../reporting/posts/selection';
import { eraseFromCurated } from './curated-erasure';
import type { StoreErasure } from './erasure-report';
import { describeTarget, type ForgetTarget } from './forget-target';
import { eraseFromNdjson } from './ndjson-erasure';
import { eraseFromRedriveLedger } from './redrive-ledger-erasure';
import { eraseFromWarehouse, type WarehouseErasure } from './warehouse-erasure';

export interface ForgetStores {
  readonly archive: BucketStore;
  readonly curated: BucketStore;
  readonly warehouse: PgQueryRunner;
}

export interface ForgetLayout {
  readonly archive: { readonly prefix: string; readonly errorPrefix: string; readonly statePrefix: string };
  readonly curated: { readonly prefix: string; readonly statePrefix: string };
  readonly postsTable: string;
  readonly engine: SqlEngine;
}

export interface ForgetSummary {
  readonly dryRun: boolean;
  /** Source and hashed ids/names (forget-target.ts): the summary and the log never hold what was erased. */
  readonly target: ReturnType<typeof describeTarget>;
  readonly warehouse: WarehouseErasure;
  readonly curated: StoreErasure;
  readonly rawArchive: StoreErasure;
  readonly deadLetters: StoreErasure;
  /** Entries of the redrive ledger (analytics/redrive/redrive-ledger.ts) that named an erased dead letter. */
  readonly redriveLedgerLetters: number;
  /** Rows, lines and aggregate slots removed in all stores together: 0 on a rerun. */
  readonly removed: number;
}

/** Runs the four erasures in turn; `progress` gets one line per object changed and per hundred read. */
export async function forget(
  stores: ForgetStores,
  layout: ForgetLayout,
  target: ForgetTarget,
  options: { readonly dryRun: boolean; readonly progress: (line: string) => void },
): Promise<ForgetSummary> {
  const { dryRun, progress } = options;
  const every = (store: string) => (_key: string, done: number, total: number) => {
    if (done % 100 === 0 || done === total) progress(`${store}: ${done}/${total} objects read`);
  };
  const warehouse = await eraseFromWarehouse(stores.warehouse, layout.postsTable, layout.engine, target, dryRun);
  progress(`warehouse: ${warehouse.rowsRemoved} rows, ${warehouse.hoursRebuilt} rollup hours rebuilt`);
  const curated = await eraseFromCurated(stores.curated, target, {
    prefix: layout.curated.prefix,
    pendingKeys: await pendingKeys(stores.curated, layout.curated.statePrefix),
    dryRun,
    onObject: every('curated'),
  });
  const archivePending = await pendingKeys(stores.archive, layout.archive.statePrefix);
  const rawArchive = await eraseFromNdjson(stores.archive, target, {
    prefix: `${layout.archive.prefix.replace(/\/+$/, '')}/`,
    format: 'archive',
    pendingKeys: archivePending,
    dryRun,
    onObject: every('raw archive'),
  });
  const removedLetters = new Map<string, readonly string[]>();
  const deadLetters = await eraseFromNdjson(stores.archive, target, {
    prefix: `${layout.archive.errorPrefix.replace(/\/+$/, '')}/`,
    format: 'dead-letter',
    pendingKeys: archivePending,
    dryRun,
    onObject: every('dead letters'),
    onLinesRemoved: (key, identities) => removedLetters.set(key, identities),
  });
  const redriveLedgerLetters = await eraseFromRedriveLedger(
    stores.archive,
    layout.archive.statePrefix,
    removedLetters,
    dryRun,
  );
  progress(`redrive ledger: ${redriveLedgerLetters} letters`);
  for (const [name, report] of [
    ['curated', curated],
    ['raw archive', rawArchive],
    ['dead letters', deadLetters],
  ] as const)
    progress(
      `${name}: ${report.recordsRemoved + report.aggregateRecordsEmptied} records in ${report.keys.length} of ${report.objectsScanned} objects`,
    );
  const removed =
    warehouse.rowsRemoved +
    [curated, rawArchive, deadLetters].reduce((sum, r) => sum + r.recordsRemoved + r.aggregateRecordsEmptied, 0);
  return {
    dryRun,
    target: describeTarget(target),
    warehouse,
    curated,
    rawArchive,
    deadLetters,
    redriveLedgerLetters,
    removed,
  };
}
