// Entry point of `npm run dashboard -- ...`: wires process, signals, logger and stdout/stderr to the dashboard CLI.
import { runDashboardCli } from '../reporting/dashboard/dashboard-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('dashboard', runDashboardCli);
