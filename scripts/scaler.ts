// Entry point of `npm run scaler -- <plan|apply|run> ...`: wires process, signals, logger and stdout to the scaler CLI.
import { runScalerCli } from '../operator/scaler/scaler-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('scaler', runScalerCli);
