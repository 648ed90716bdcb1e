// The score CLI as a process: --explain as readable lines and as JSON, --text, and exit code 2 on bad usage.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../../common/repo-root';

const SCORE = path.join(REPO_ROOT, 'dist', 'scripts', 'score.js');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCORE, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run score', function () {
  this.timeout(120_000);

  it('--explain --text prints why the post got its label: words, emoji, rules', async () => {
    const { code, stdout } = await run(['--explain', '--text', 'Oh wonderful, the bus is late again 🙄']);
    expect(code).to.equal(0);
    expect(stdout).to.match(/^line 1 \[en\] "Oh wonderful, the bus is late again 🙄"\n {2}NEGATIVE: compound/);
    expect(stdout).to.match(/"wonderful" +-2\.00 {2}<- lexicon \+2\.70; sarcasm \(🙄\)/);
    expect(stdout).to.match(/"🙄" +-1\.50 {2}<- lexicon -1\.50 \(emoji newer than the ranking, scored as 😒\)/);
    expect(stdout).to.include('  rule: sarcasm: 🙄');
  });

  it('--explain --json adds an explain object to each JSON line', async () => {
    const { code, stdout } = await run(['--explain', '--json', '--text', 'qué asco de tráfico']);
    expect(code).to.equal(0);
    const line = JSON.parse(stdout) as {
      label: string;
      lang: string;
      explain: { tokens: { source?: string }[]; labelReason: string };
    };
    expect(line).to.include({ label: 'NEGATIVE', lang: 'es' });
    expect(line.explain.tokens[0]?.source).to.equal('idiom "qué asco"');
    expect(line.explain.labelReason).to.match(/^NEGATIVE/);
  });

  it('exits 2 on --explain with Comprehend, two inputs or an unknown option', async () => {
    for (const args of [
      ['--explain', '--analyzer', 'comprehend', '-'],
      ['a.txt', 'b.txt'],
      ['--bogus', '-'],
    ]) {
      const { code, stderr } = await run(args);
      expect(code, args.join(' ')).to.equal(2);
      expect(stderr).to.match(/^bad arguments: /);
    }
  });
});
