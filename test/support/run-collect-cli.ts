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

export interface RunningCollect {
  /** Sends the collector a signal (SIGTERM: stop, store what is in flight, print the summary, exit 0). */
  signal(name: NodeJS.Signals): void;
  readonly done: Promise<CliRun>;
}

/** Starts the collector; `env` is added to a clean environment (PATH, HOME and the dummy AWS keys only), so no real secret leaks into the test. */
export function startCollectCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 120_000,
): RunningCollect {
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
  const done = new Promise<CliRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collect did not end within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { signal: (name) => child.kill(name), done };
}

/** Runs the collector to its end (`--duration`, a file's end, an error). */
export function runCollectCli(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 120_000,
): Promise<CliRun> {
  return startCollectCli(args, env, timeoutMs).done;
}
