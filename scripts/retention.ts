// Entry point of `npm run retention -- --older-than <days>`: the warehouse's scheduled delete (analytics/retention/).
import { runRetentionCli } from '../analytics/retention/retention-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('retention', runRetentionCli, { abortOnSignal: false });
