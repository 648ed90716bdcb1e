// Runs `dist/scripts/collect.js` as a child process, as an operator would, and returns its exit code and output.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../../common/repo-root';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const COLLECT_JS = path.join(REPO_ROOT, 'dist', 'scripts', 'collect.js');

/** `env` is added to a clean environment (PATH, HOME and the dummy AWS keys only), so no real secret leaks into the test. */
export function runCollectCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 120_000,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COLLECT_JS, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collect did not end within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
