// Entry point of `npm run x-compliance`: X's batch compliance results fed to forget (analytics/erasure/).
import { runXComplianceCli } from '../analytics/erasure/x-compliance-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('x-compliance', runXComplianceCli);
