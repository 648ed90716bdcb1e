// Entry point of `npm run redrive -- --reason R [--from ISO --to ISO]` / `--lambda-failures URL`: failed records sent through the sinks again (analytics/redrive/).
import { runRedriveCli } from '../analytics/redrive/redrive-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('redrive', runRedriveCli);
