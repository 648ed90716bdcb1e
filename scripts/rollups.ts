// Entry point of `npm run rollups -- ...`: wires process, signals, logger and stdout/stderr to the rollup refresher's CLI.
import { runRollupsCli } from '../reporting/posts/rollups-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('rollups', runRollupsCli);
