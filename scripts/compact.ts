// Entry point of `npm run compact -- ...`: compacts the curated dataset's closed hours (analytics/compaction/).
import { runCompactCli } from '../analytics/compaction/compact-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('compact', runCompactCli, { abortOnSignal: false });
