// Keeps the rules' state in a small JSON file, so a restarted alerter (or the next `--once` run) does not repeat an alert.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CoveredWindow, DetectorState } from './negative-burst-detector';
import type { ShareRuleState } from './negative-share-rule';

/** The file's content: the burst detector's fields at the top (as before the share rule), the share rule's under `share`. */
export interface AlertState extends DetectorState {
  readonly share: ShareRuleState;
}

const time = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));

function coveredOf(value: Record<string, unknown>): CoveredWindow[] | undefined {
  if (Array.isArray(value.covered)) {
    const windows = value.covered as unknown[];
    const ok = windows.every((w) => {
      const r = w as Record<string, unknown> | null;
      return typeof r?.fromMs === 'number' && typeof r.toMs === 'number';
    });
    return ok ? (windows as CoveredWindow[]).map((w) => ({ fromMs: w.fromMs, toMs: w.toMs })) : undefined;
  }
  // Files written before covered windows: everything up to coveredThroughMs was covered.
  if (time(value.coveredThroughMs))
    return value.coveredThroughMs === null ? [] : [{ fromMs: 0, toMs: value.coveredThroughMs }];
  return undefined;
}

/** The saved state, or undefined when there is none yet; a file that is not a valid state is reported, not silently reset. */
export function readAlertState(file: string): AlertState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const state = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const covered = coveredOf(state);
  const share = (state.share ?? { firing: false, lastAlertMs: null }) as Record<string, unknown>;
  if (
    typeof state.firing !== 'boolean' ||
    !time(state.lastAlertMs) ||
    covered === undefined ||
    typeof share.firing !== 'boolean' ||
    !time(share.lastAlertMs)
  ) {
    throw new Error(`${file} is not an alert state file; delete it to start afresh`);
  }
  return {
    firing: state.firing,
    lastAlertMs: state.lastAlertMs,
    covered,
    share: { firing: share.firing, lastAlertMs: share.lastAlertMs },
  };
}

export function writeAlertState(file: string, state: AlertState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  fs.renameSync(temporary, file);
}
