// Entry point of `npm run replay -- --from ISO --to ISO [--rescore]`: the warehouse loaded again from the archive (analytics/replay/).
import { runReplayCli } from '../analytics/replay/replay-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('replay', runReplayCli);
