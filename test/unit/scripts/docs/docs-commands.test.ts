// Every `npm start` / `npm run <script>` the manual prints: the script exists, and its tool accepts the printed options (run with them plus --help, which starts nothing).
import { expect } from 'chai';
import { execFileSync, spawn } from 'node:child_process';
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

const PROBE = path.join(REPO_ROOT, 'dist/test/support/cli-help-probe.js');

/** Each run's exit code (or why there was none) and the start of what it printed. */
type Outcome = ({ readonly code: number } | { readonly error: string }) & { readonly output?: string };

/** A printed word as the shell gives it to the tool: `$(...)` is run by sh, as for the reader. */
function expand(word: string): string {
  if (!word.includes('$(')) return word;
  return execFileSync('sh', ['-c', `printf %s "${word}"`], { encoding: 'utf8' });
}

/** Runs `entry` once per argument list in a scratch folder (logs land there), with no local stack to pick up. */
function runAll(entry: string, lists: readonly (readonly string[])[], scratch: string): Promise<Outcome[]> {
  const results = path.join(scratch, `${path.basename(entry)}-${process.hrtime.bigint()}.json`);
  const absolute = path.join(REPO_ROOT, entry);
  // Compiled scripts run in one probe process (their modules load once); anything else once per list.
  const runs = entry.endsWith('.js')
    ? [['node', [PROBE, absolute, results, JSON.stringify(lists)]] as const]
    : lists.map((list) => ['node', [absolute, ...list]] as const);
  return new Promise((resolve, reject) => {
    const codes: Outcome[] = [];
    const next = (index: number): void => {
      const run = runs[index];
      if (run === undefined) {
        resolve(entry.endsWith('.js') ? (JSON.parse(fs.readFileSync(results, 'utf8')) as Outcome[]) : codes);
        return;
      }
      const child = spawn(run[0], [...run[1]], {
        cwd: scratch,
        env: { ...process.env, ENDPOINTS_FILE: 'none', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        if (entry.endsWith('.js') && code !== 0)
          reject(new Error(`the probe of ${entry} exited ${String(code)}: ${output}`));
        codes.push({ code: code ?? -1, output });
        next(index + 1);
      });
    };
    next(0);
  });
}

/** Runs the jobs at most `width` at a time, results in the jobs' order. */
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

const describeOutcome = (outcome: Outcome | undefined): string =>
  outcome === undefined
    ? 'no outcome'
    : `${'code' in outcome ? `exited ${outcome.code}` : outcome.error}: ${(outcome.output ?? '').trim().split('\n').slice(0, 3).join(' / ')}`;

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

  it('passes only options the tools accept (each printed command with --help exits 0), and each tool refuses an unknown one', async () => {
    const byEntry = new Map<string, Map<string, DocCommand>>();
    for (const command of COMMANDS) {
      const entry = nodeEntry(SCRIPTS[command.script] ?? '');
      if (entry === undefined) continue; // mocha, cdk, prettier: their own option parsers
      const forEntry = byEntry.get(entry) ?? new Map<string, DocCommand>();
      const key = JSON.stringify(command.args);
      if (!forEntry.has(key)) forEntry.set(key, command);
      byEntry.set(entry, forEntry);
    }
    expect(byEntry.size).to.be.greaterThan(10);
    const entries = [...byEntry.entries()];
    const outcomes = await pool(entries, 3, ([entry, commands]) =>
      runAll(
        entry,
        [...[...commands.values()].map((c) => [...c.args.map(expand), '--help']), [UNKNOWN_FLAG, '--help']],
        scratch,
      ),
    );
    const problems: string[] = [];
    entries.forEach(([entry, commands], i) => {
      const results = outcomes[i] ?? [];
      [...commands.values()].forEach((command, j) => {
        const outcome = results[j];
        if (outcome === undefined || !('code' in outcome) || outcome.code !== 0)
          problems.push(`${command.where}: \`${command.text}\` with --help: ${describeOutcome(outcome)}`);
      });
      const unknown = results[commands.size];
      if (unknown === undefined || !('code' in unknown) || unknown.code === 0)
        problems.push(`${entry} ${UNKNOWN_FLAG} --help was not refused: ${describeOutcome(unknown)}`);
    });
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
