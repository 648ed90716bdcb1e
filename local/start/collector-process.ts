// Runs `npm run collect` as a child of `npm start` (for --source x|instagram): output to a log, PID registered, stopped with SIGTERM (it flushes first).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PidRegistry } from '../../common/process/pid-registry';
import { REPO_ROOT } from '../../common/repo-root';
import { stopPid } from '../../common/process/service-process';

export interface CollectorProcess {
  readonly pid: number;
  /** Resolves with the exit code once the collector ends by itself (a refused token, a spent budget). */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

const COLLECT_JS = path.join(REPO_ROOT, 'dist', 'scripts', 'collect.js');

/** Secrets reach the child through the inherited environment only, never its arguments (visible in ps). */
export function startCollectorProcess(options: {
  source: string;
  hashtag: string;
  streamName: string;
  logsDir: string;
  registry: PidRegistry;
}): CollectorProcess {
  fs.mkdirSync(options.logsDir, { recursive: true });
  const out = fs.openSync(path.join(options.logsDir, `collect-${options.source}.out`), 'a');
  const args = [
    COLLECT_JS,
    '--source',
    options.source,
    '--hashtag',
    options.hashtag,
    '--stream',
    options.streamName,
    '--log-file',
    path.join(options.logsDir, `collect-${options.source}.log`),
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the collector');
  options.registry.add({ name: `collector-${options.source}`, pid, group: false, marker: 'scripts/collect.js' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    pid,
    exited,
    stop: async () => {
      await stopPid(pid, 30_000);
      options.registry.remove(pid);
    },
  };
}
