// Entry point of `npm run report -- ...`: wires process, signals, logger and stdout/stderr to the report CLI.
import { runReportCli } from '../reporting/report/report-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('report', runReportCli);
