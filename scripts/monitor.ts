// Entry point of `npm run monitor -- ...`: wires process, signals, logger and stdout to the checkpoint monitor CLI.
import { runMonitorCli } from '../operator/monitor/monitor-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('monitor', runMonitorCli);
