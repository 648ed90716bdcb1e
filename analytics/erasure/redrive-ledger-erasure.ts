// Erases forgotten dead letters from the redrive ledger: a failed-again entry's detail can quote the record it names.
import { RedriveLedger, ledgerKey } from '../redrive/redrive-ledger';
import type { BucketStore } from '../curated-bucket';

/**
 * For each dead-letter object forget rewrote, drops the ledger letters of the lines it removed (`identities`:
 * identityKey strings), and deletes the ledger object when none is left. Other letters keep their outcome as written.
 * Returns the letters dropped (also counted, not written, when `dryRun`).
 */
export async function eraseFromRedriveLedger(
  store: BucketStore,
  statePrefix: string,
  removed: ReadonlyMap<string, readonly string[]>,
  dryRun: boolean,
): Promise<number> {
  const ledger = new RedriveLedger(store, statePrefix);
  let dropped = 0;
  for (const [deadLetterKey, identities] of removed) {
    const entry = await ledger.read(deadLetterKey);
    const gone = new Set(identities);
    const letters = Object.fromEntries(Object.entries(entry.letters).filter(([identity]) => !gone.has(identity)));
    const count = Object.keys(entry.letters).length - Object.keys(letters).length;
    if (count === 0) continue;
    dropped += count;
    if (dryRun) continue;
    if (Object.keys(letters).length === 0) await store.delete(ledgerKey(statePrefix, deadLetterKey));
    else await ledger.write({ version: 1, deadLetterKey, letters });
  }
  return dropped;
}
