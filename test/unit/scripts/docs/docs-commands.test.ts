// Every `npm start` / `npm run <script>` the manual prints: the script exists, and its tool accepts the printed options (run with them plus --help, which starts nothing).
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../../common/repo-root';
import { docCommands, nodeEntry, type DocCommand } from '../../../../scripts/docs/doc-commands';
import { manualFiles } from '../../../../scripts/docs/manual-files';

const SCRIPTS = (
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
const COMMANDS = manualFiles(REPO_ROOT).flatMap((file) =>
  docCommands(file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')),
);
const UNKNOWN_FLAG = '--no-such-option-in-the-manual';

/** A word for `sh -c`: as printed for `$(...)` (the shell runs it, as for the reader), else single-quoted. */
const shellWord = (word: string): string => (word.includes('$(') ? `"${word}"` : `'${word.replace(/'/g, `'\\''`)}'`);

interface Outcome {
  readonly code: number | null;
  readonly output: string;
}

/** Runs `node <entry> <args>` through sh in a scratch folder (logs land there), with no local stack to pick up. */
function run(entry: string, args: readonly string[], cwd: string): Promise<Outcome> {
  const script = `exec node ${shellWord(path.join(REPO_ROOT, entry))} ${args.map(shellWord).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      cwd,
      env: { ...process.env, ENDPOINTS_FILE: 'none', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs the jobs at most `width` at a time, in order of the results. */
async function pool<T, R>(items: readonly T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await job(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

describe('the commands the manual prints', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-commands-'));
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('finds the commands of the README and the chapters', () => {
    expect(COMMANDS.length).to.be.greaterThan(100);
    expect(COMMANDS.map((c) => c.script)).to.include.members(['start', 'test', 'scaler', 'monitor', 'report']);
  });

  it('names only scripts package.json defines', () => {
    const missing = COMMANDS.filter((c) => SCRIPTS[c.script] === undefined).map(
      (c) => `${c.where}: npm run ${c.script} is not a script of package.json`,
    );
    expect(missing, missing.join('\n')).to.deep.equal([]);
  });

  it('passes only options the tools accept (each printed command with --help exits 0)', async () => {
    const unique = new Map<string, DocCommand & { entry: string }>();
    for (const command of COMMANDS) {
      const entry = nodeEntry(SCRIPTS[command.script] ?? '');
      if (entry === undefined) continue; // mocha, cdk, prettier: their own option parsers
      const key = JSON.stringify([entry, command.args]);
      if (!unique.has(key)) unique.set(key, { ...command, entry });
    }
    const jobs = [...unique.values()];
    const outcomes = await pool(jobs, 4, (c) => run(c.entry, [...c.args, '--help'], scratch));
    const refused = jobs.flatMap((c, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined || outcome.code === 0) return [];
      return [
        `${c.where}: \`${c.text}\` with --help exited ${String(outcome.code)}: ${outcome.output.trim().split('\n').slice(0, 3).join(' / ')}`,
      ];
    });
    expect(refused, refused.join('\n')).to.deep.equal([]);
  });

  it('has every tool refuse an unknown option even with --help (so the check above can fail)', async () => {
    const entries = [...new Set(COMMANDS.map((c) => nodeEntry(SCRIPTS[c.script] ?? '')))].filter(
      (e): e is string => e !== undefined,
    );
    expect(entries.length).to.be.greaterThan(10);
    const outcomes = await pool(entries, 4, (entry) => run(entry, [UNKNOWN_FLAG, '--help'], scratch));
    const accepted = entries.filter((_, i) => outcomes[i]?.code === 0);
    expect(accepted, `accept ${UNKNOWN_FLAG} --help: ${accepted.join(', ')}`).to.deep.equal([]);
  });
});
