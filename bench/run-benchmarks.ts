// `npm run bench`: runs every bench/*-bench.js in this folder and prints their figures (a table, or one JSON object with --json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Benchmark, BenchSection } from './bench-section';
import { parseOptions } from '../common/config/parse-options';

const HELP = `Usage: npm run bench -- [--json] [--quick] [--only <name>[,<name>]]
  --json    print one JSON object { "<section>": { figures, ratios, goals } } and nothing else on stdout
  --quick   smaller inputs (a smoke run; figures are noisier)
  --only    run only the named benchmark files (for example: kpl-codec,processor)
Exit codes: 0 all ran, 1 a benchmark failed, 2 bad arguments.`;

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseOptions(argv, {
    json: { type: 'boolean' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  const json = parsed.values.json === true;
  const quick = parsed.values.quick === true;
  const only = typeof parsed.values.only === 'string' ? parsed.values.only.split(',').filter(Boolean) : [];
  const available = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('-bench.js'))
    .sort();
  const names = new Set(available.map((file) => file.replace(/-bench\.js$/, '')));
  const problems = [
    ...parsed.problems,
    ...only
      .filter((name) => !names.has(name))
      .map((name) => `--only: no benchmark "${name}" (${[...names].join(', ')})`),
  ];
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${HELP}`);
    return 2;
  }
  // Only after the problems: an unknown option is refused even beside --help.
  if (parsed.values.help === true) {
    console.log(HELP);
    return 0;
  }

  const files = available.filter((file) => only.length === 0 || only.includes(file.replace(/-bench\.js$/, '')));
  const results: Record<string, BenchSection> = {};
  let failed = false;
  for (const file of files) {
    const progress = (line: string): void => {
      process.stderr.write(`[${file.replace(/-bench\.js$/, '')}] ${line}\n`);
    };
    progress('running');
    try {
      const mod = (await import(path.join(__dirname, file))) as { benchmark?: Benchmark };
      if (typeof mod.benchmark !== 'function') throw new Error('exports no benchmark()');
      const section = await mod.benchmark({ quick, progress });
      results[section.section] = section;
      if (!json) printSection(section);
    } catch (error: unknown) {
      failed = true;
      progress(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  if (json) console.log(JSON.stringify(results));
  return failed ? 1 : 0;
}

function printSection(section: BenchSection): void {
  console.log(`\n== ${section.section}`);
  const rows = [
    ...Object.entries(section.figures),
    ...Object.entries(section.ratios ?? {}).map(([k, v]) => [`ratio ${k}`, v] as const),
  ];
  for (const [key, value] of rows) console.log(`  ${key.padEnd(48)} ${formatNumber(value)}`);
  for (const [goal, met] of Object.entries(section.goals ?? {}))
    console.log(`  goal ${goal.padEnd(43)} ${met ? 'met' : 'NOT MET'}`);
  for (const note of section.notes ?? []) console.log(`  note: ${note}`);
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toPrecision(4);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
