// Entry point of `npm run compact -- ...`: compacts the curated dataset's closed hours (analytics/compaction/).
import { runCompactCli } from '../analytics/compaction/compact-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('compact', runCompactCli);
