// Entry point of `npm run forget -- --source <s> (--post-id <id> | --user <name>)` (analytics/erasure/).
import { runForgetCli } from '../analytics/erasure/forget-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('forget', runForgetCli, { abortOnSignal: false });
