// The one-line progress report on stderr and the human summary: posts/s, journal backlog, reconnects, stalls, duplicates dropped.
import type { CollectorProgress } from './run-collector';

export function progressLine(p: CollectorProgress): string {
  const s = p.sourceStats;
  return (
    `collect: ${(p.elapsedMs / 1000).toFixed(0)} s | ${p.succeeded} stored (${p.postsPerSecond.toFixed(1)} posts/s), ${p.unsent} waiting in the journal (${p.failed} send failures) | ` +
    `${p.duplicates} duplicates dropped | reconnects ${s.reconnects}, stalls ${s.stalls}, 429s ${s.rateLimited}, malformed ${s.malformed}`
  );
}
