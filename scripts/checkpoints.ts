// Entry point of `npm run checkpoints -- list|reset ...`: a KCL application's checkpoints shown or moved to a time (operator/checkpoints/).
import { runCheckpointsCli } from '../operator/checkpoints/checkpoints-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('checkpoints', runCheckpointsCli);
