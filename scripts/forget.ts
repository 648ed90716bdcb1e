// Entry point of `npm run forget -- --source <s> (--post-id <id> | --user <name>)` (analytics/erasure/).
import { runForgetCli } from '../analytics/erasure/forget-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('forget', runForgetCli);
