// Entry point of `npm run checkpoints -- list|reset ...`: a KCL application's checkpoints shown or moved to a time (operator/checkpoints/).
import { runCheckpointsCli } from '../operator/checkpoints/checkpoints-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('checkpoints', runCheckpointsCli, { abortOnSignal: false });
