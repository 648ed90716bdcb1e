// Entry point of `npm run query -- "<SQL>"`: DuckDB over the archive and the curated dataset (analytics/query/).
import { runQueryCli } from '../analytics/query/query-cli';
import { runCliEntry } from './cli-entry';

runCliEntry('query', runQueryCli);
