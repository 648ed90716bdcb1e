// `npm run docs:settings`: writes the manual's settings tables from the contract modules (`--check`: only says which are stale).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOptions } from '../common/config/parse-options';
import { ConfigError } from '../common/errors';
import { REPO_ROOT } from '../common/repo-root';
import { manualFiles } from './docs/manual-files';
import { markedTables, writeSettingsTables } from './docs/settings-tables';
import { runParsedCli } from './parsed-cli';

const USAGE = `usage: npm run docs:settings [-- --check]

Rewrites every table between <!-- settings:<name>:begin --> and <!-- settings:<name>:end --> in README.md and
docs/*.md from the contract modules ({variable, default, doc} per tool: scripts/docs/settings-tables.ts).
  --check   write nothing; list the stale tables and exit 1 when there is one
Exit codes: 0 written (or up to date), 1 stale (--check) or a malformed marker, 2 usage.`;

interface Args {
  readonly check: boolean;
  readonly help: boolean;
}

function parse(argv: readonly string[]): Args {
  const { values, problems } = parseOptions(argv, { check: { type: 'boolean' }, help: { type: 'boolean' } });
  if (problems.length > 0) throw new ConfigError('options', problems);
  return { check: values.check === true, help: values.help === true };
}

function main(args: Args): Promise<number> {
  let stale = 0;
  for (const file of manualFiles(REPO_ROOT)) {
    const full = path.join(REPO_ROOT, file);
    const text = fs.readFileSync(full, 'utf8');
    for (const table of markedTables(text)) {
      if (table.current === table.expected) continue;
      stale += 1;
      process.stderr.write(`${file}:${table.line}: settings:${table.name} ${args.check ? 'is stale' : 'rewritten'}\n`);
    }
    if (!args.check) {
      const written = writeSettingsTables(text);
      if (written !== text) fs.writeFileSync(full, written);
    }
  }
  if (args.check && stale > 0) process.stderr.write('run `npm run docs:settings` to write them\n');
  return Promise.resolve(args.check && stale > 0 ? 1 : 0);
}

runParsedCli('docs:settings', USAGE, () => parse(process.argv.slice(2)), main);
