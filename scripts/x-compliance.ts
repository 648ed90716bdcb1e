// Entry point of `npm run x-compliance`: X's batch compliance results fed to forget (analytics/erasure/).
import { runXComplianceCli } from '../analytics/erasure/x-compliance-cli';
import { runCliEntry } from './cli-entry';

// The log's variable is X_COMPLIANCE_LOG_FILE (a hyphen cannot be in an environment variable's name).
// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('x_compliance', runXComplianceCli, { abortOnSignal: false });
