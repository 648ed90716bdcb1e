// Keeps the burst detector's state in a small JSON file, so a restarted alerter (or the next `--once` run) does not repeat an alert.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DetectorState } from './negative-burst-detector';

/** The saved state, or undefined when there is none yet; a file that is not a valid state is reported, not silently reset. */
export function readAlertState(file: string): DetectorState | undefined {
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
  const state = value as Partial<DetectorState> | undefined;
  const time = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v));
  if (typeof state?.firing !== 'boolean' || !time(state.lastAlertMs) || !time(state.coveredThroughMs)) {
    throw new Error(`${file} is not an alert state file; delete it to start afresh`);
  }
  return {
    firing: state.firing,
    lastAlertMs: state.lastAlertMs ?? null,
    coveredThroughMs: state.coveredThroughMs ?? null,
  };
}

export function writeAlertState(file: string, state: DetectorState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state)}\n`);
  fs.renameSync(temporary, file);
}
