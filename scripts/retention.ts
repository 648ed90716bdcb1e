// Entry point of `npm run retention -- --older-than <days>`: the warehouse's scheduled delete (analytics/retention/).
import { runRetentionCli } from '../analytics/retention/retention-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('retention', runRetentionCli);
