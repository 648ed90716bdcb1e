// Keeps the previous observation between one-shot monitor runs (a small JSON file), read with guards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ObservationState } from './checkpoint-status';

export function readObservationState(file: string): ObservationState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.observedAt !== 'string' || typeof v.leases !== 'object' || v.leases === null) return undefined;
  const leases: Record<string, { leaseCounter: number; owner: string | null; since: string }> = {};
  for (const [key, entry] of Object.entries(v.leases as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null;
    if (
      e !== null &&
      typeof e.leaseCounter === 'number' &&
      typeof e.since === 'string' &&
      (typeof e.owner === 'string' || e.owner === null)
    ) {
      leases[key] = { leaseCounter: e.leaseCounter, owner: e.owner as string | null, since: e.since };
    }
  }
  return { observedAt: v.observedAt, leases };
}

/** Written to a temporary file and renamed, so a crash never leaves half a state file. */
export function writeObservationState(file: string, state: ObservationState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
