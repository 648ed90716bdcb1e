// Reads a saved plan (or ledger) file with guards: a hand-edited or truncated file is refused with a reason, never half-applied.
import type { ScalingPlan } from './scaling-plan';
import type { LedgerEntry } from './scaling-budget';
import { ScalingBlockedError } from './scaler-errors';

export function parsePlan(text: string): ScalingPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('not JSON');
  }
  if (typeof value !== 'object' || value === null) throw invalid('not an object');
  const p = value as Record<string, unknown>;
  if (p.version !== 1) throw invalid('version must be 1');
  if (typeof p.streamName !== 'string' || p.streamName === '') throw invalid('streamName missing');
  if (typeof p.createdAt !== 'string' || Number.isNaN(Date.parse(p.createdAt))) throw invalid('createdAt missing');
  if (!Array.isArray(p.steps)) throw invalid('steps missing');
  let expected: number | undefined;
  for (const step of p.steps as unknown[]) {
    const s = step as Record<string, unknown> | null;
    if (s === null || !Number.isInteger(s.from) || !Number.isInteger(s.to) || (s.to as number) < 1)
      throw invalid('each step needs integer from and to');
    const from = s.from as number;
    const to = s.to as number;
    if (expected !== undefined && from !== expected) throw invalid(`steps do not chain (${expected} then ${from})`);
    if (to > from * 2 || to < Math.ceil(from / 2) || to === from)
      throw invalid(`step ${from} -> ${to} is outside UpdateShardCount's 2x / half limits`);
    expected = to;
  }
  const budget = p.budget as Record<string, unknown> | undefined;
  if (typeof budget?.emergency !== 'boolean' || !Number.isInteger(budget.reserved))
    throw invalid('budget.emergency and budget.reserved missing');
  return value as ScalingPlan;
}

export function parseLedger(text: string): LedgerEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('ledger file is not JSON');
  }
  if (!Array.isArray(value)) throw invalid('ledger file must be a JSON array of {at, from, to, operator}');
  return value
    .filter((e: unknown): e is LedgerEntry => {
      const v = e as Record<string, unknown> | null;
      return (
        v !== null &&
        typeof v.at === 'string' &&
        !Number.isNaN(Date.parse(v.at)) &&
        typeof v.from === 'number' &&
        typeof v.to === 'number'
      );
    })
    .map((e) => ({ ...e, operator: typeof e.operator === 'string' ? e.operator : 'unknown' }));
}

function invalid(reason: string): ScalingBlockedError {
  return new ScalingBlockedError('PLAN_INVALID', `plan file refused: ${reason}`);
}
