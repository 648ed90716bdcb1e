// Entry point of `npm run redrive -- --reason R [--from ISO --to ISO]` / `--lambda-failures URL`: failed records sent through the sinks again (analytics/redrive/).
import { runRedriveCli } from '../analytics/redrive/redrive-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('redrive', runRedriveCli, { abortOnSignal: false });
