// A node script of ours (dashboard, alerter, report scheduler...) run as a supervised child: own process group, log file, PID recorded, restarted with backoff.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import type { PidRegistry } from '../../common/process/pid-registry';
import { sleep } from '../../common/sleep';
import { isAlive, stopPid } from '../../common/process/service-process';
import { Supervisor, type RestartPolicy, type ProcessExit } from '../supervisor';

export interface ComponentSpec {
  /** Short name, used in messages, the log file name (<logsDir>/<name>.log) and the PID registry. */
  readonly name: string;
  /** Path of the built script (dist/scripts/<x>.js). */
  readonly script: string;
  readonly args?: readonly string[];
  /** Added to this process's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Resolves once the component serves (for example an HTTP probe); rejects or times out otherwise. Default: it is running. */
  readonly ready?: () => Promise<boolean>;
  readonly readyTimeoutMs?: number;
}

export interface ComponentContext {
  readonly logsDir: string;
  readonly logger: Logger;
  readonly registry?: PidRegistry;
  readonly restartPolicy?: RestartPolicy;
  /** Told when a component exits on its own and is restarted (one line each). */
  readonly say?: (line: string) => void;
}

/** Starts the component and keeps it running until the returned supervisor is stopped. */
export async function superviseComponent(spec: ComponentSpec, context: ComponentContext): Promise<Supervisor> {
  const log = context.logger.child({ component: spec.name });
  const supervisor = new Supervisor({
    start: () => startComponent(spec, context),
    ...(context.restartPolicy === undefined ? {} : { restartPolicy: context.restartPolicy }),
    onEvent: (event) => {
      if (event.type === 'started') log.info('component running', { pid: event.pid, attempt: event.attempt });
      if (event.type === 'exited') {
        log.warn('component exited; restarting', {
          pid: event.pid,
          code: event.exit.code,
          signal: event.exit.signal,
          restartInMs: event.restartInMs,
        });
        context.say?.(
          `${spec.name} exited (code ${String(event.exit.code)}); restarting in ${(event.restartInMs / 1000).toFixed(0)} s (see ${path.join(context.logsDir, `${spec.name}.log`)})`,
        );
      }
      if (event.type === 'start-failed')
        log.error('component failed to start; retrying', {
          error: describeError(event.error),
          restartInMs: event.restartInMs,
        });
    },
  });
  await supervisor.start();
  return supervisor;
}

async function startComponent(
  spec: ComponentSpec,
  context: ComponentContext,
): Promise<{ pid: number; exited: Promise<ProcessExit>; stop: () => Promise<void> }> {
  fs.mkdirSync(context.logsDir, { recursive: true });
  const out = fs.openSync(path.join(context.logsDir, `${spec.name}.log`), 'a');
  // Detached: a terminal's Ctrl-C reaches only `npm start`, which stops the components in order.
  const child = spawn(process.execPath, [spec.script, ...(spec.args ?? [])], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.script}`);
  context.registry?.add({ name: spec.name, pid, group: false, marker: path.basename(spec.script) });
  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => {
      context.registry?.remove(pid);
      resolve({ code, signal });
    }),
  );
  const stop = (): Promise<void> => stopPid(pid, 10_000);
  if (spec.ready !== undefined) {
    const deadline = Date.now() + (spec.readyTimeoutMs ?? 30_000);
    for (;;) {
      if (!isAlive(pid) || child.exitCode !== null)
        throw new Error(
          `${spec.name} exited before it was ready (see ${path.join(context.logsDir, `${spec.name}.log`)})`,
        );
      if (await spec.ready().catch(() => false)) break;
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${spec.name} not ready in time`);
      }
      await sleep(100);
    }
  }
  return { pid, exited, stop };
}
