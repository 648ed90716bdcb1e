// Entry point of `npm run replay -- --from ISO --to ISO [--rescore]`: the warehouse loaded again from the archive (analytics/replay/).
import { runReplayCli } from '../analytics/replay/replay-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('replay', runReplayCli, { abortOnSignal: false });
