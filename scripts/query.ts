// Entry point of `npm run query -- "<SQL>"`: DuckDB over the archive and the curated dataset (analytics/query/).
import { runQueryCli } from '../analytics/query/query-cli';
import { runCliEntry } from './cli-entry';

// It never reads deps.signal: Ctrl-C ends it at once (Node's default).
runCliEntry('query', runQueryCli, { abortOnSignal: false });
