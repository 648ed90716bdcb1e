// Entry point of `npm run scaler -- <plan|apply|run> ...`: wires process, signals, logger and stdout to the scaler CLI.
import { runScalerCli } from '../operator/scaler/scaler-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: SIGINT/SIGTERM end it at once (Node's default), as before it used the entry.
runCliEntry('scaler', runScalerCli, { abortOnSignal: false });
