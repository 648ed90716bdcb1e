// Keeps the collector's position (the keys of the posts it sent last) in a file, so a restart does not resend them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SeenIds } from './seen-ids';

interface PositionDocument {
  readonly version: 1;
  readonly savedAt: string;
  /** Post keys (`source:id`), oldest first. */
  readonly keys: readonly string[];
}

/** Loads the saved keys into `seen`; a missing file is a first start, an unreadable one is reported and ignored. */
export function loadPosition(file: string, seen: SeenIds): { loaded: number; problem?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { loaded: 0 };
  }
  try {
    const document = JSON.parse(text) as Partial<PositionDocument>;
    const keys = Array.isArray(document.keys)
      ? document.keys.filter((key): key is string => typeof key === 'string')
      : [];
    seen.restore(keys);
    return { loaded: Math.min(keys.length, seen.capacity) };
  } catch (error: unknown) {
    return {
      loaded: 0,
      problem: `${file} is not a position file (${error instanceof Error ? error.message : String(error)}); starting without one`,
    };
  }
}

/** Writes atomically (temp file + rename): a crash mid-write leaves the previous position intact. */
export function savePosition(file: string, seen: SeenIds, now: Date = new Date()): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const document: PositionDocument = { version: 1, savedAt: now.toISOString(), keys: seen.keys() };
  const temp = `${file}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(document));
  fs.renameSync(temp, file);
}
