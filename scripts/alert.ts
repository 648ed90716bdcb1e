// Entry point of `npm run alert -- ...`: wires process, signals, logger and stdout/stderr to the alert CLI.
import { runAlertCli } from '../reporting/alerts/alert-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('alert', runAlertCli);
