// Sums what the consumers' shard-range guards dropped, from their JSON log files (a figure of the reshard soak).
import * as fs from 'node:fs';
import * as path from 'node:path';

const MESSAGE = 'dropped aggregates outside the shard range';

/** Aggregates and user records the guards of every consumer log under `dir` dropped. */
export function countGuardDrops(dir: string): { aggregates: number; records: number } {
  let aggregates = 0;
  let records = 0;
  let files: string[] = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
  } catch {
    return { aggregates, records };
  }
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.includes(MESSAGE)) continue;
      try {
        const parsed = JSON.parse(line) as { aggregates?: unknown; records?: unknown };
        aggregates += typeof parsed.aggregates === 'number' ? parsed.aggregates : 0;
        records += typeof parsed.records === 'number' ? parsed.records : 0;
      } catch {
        /* a torn last line */
      }
    }
  }
  return { aggregates, records };
}
