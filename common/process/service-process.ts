// Starts a stand-in server as a child process on 127.0.0.1, waits until it accepts connections, and stops it by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { sleep } from '../sleep';

export const LOOPBACK = '127.0.0.1';

export interface ServiceSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Where the server's stdout and stderr go; defaults to discarding them. */
  readonly logFile?: string;
  readonly readyTimeoutMs?: number;
  /** Extra readiness check after the port opens (for example an HTTP probe). */
  readonly isReady?: () => Promise<boolean>;
  /** How long SIGTERM may take before SIGKILL. */
  readonly stopTimeoutMs?: number;
  /** Run in its own process group, so a terminal's Ctrl-C does not reach it (the owner stops it by PID). */
  readonly detached?: boolean;
}

let detachByDefault = false;

/** `npm start` sets this: stand-ins must outlive Ctrl-C until the daemon has checkpointed, then stop by PID. */
export function setDetachedServices(value: boolean): void {
  detachByDefault = value;
}

export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  readonly host: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** An unused TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

/** Sends SIGTERM to `pid`, then SIGKILL after `timeoutMs`; resolves when the process is gone. */
export async function stopPid(pid: number, timeoutMs = 10_000): Promise<void> {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    while (isAlive(pid)) await sleep(20);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Spawns the server and resolves once it is ready; rejects (and kills it) if it exits or times out first. */
export async function startService(spec: ServiceSpec): Promise<ServiceProcess> {
  if (await isPortOpen(spec.port)) throw new Error(`${spec.name}: port ${spec.port} on ${LOOPBACK} is already in use`);
  let out: number | 'ignore' = 'ignore';
  if (spec.logFile !== undefined) {
    fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
    out = fs.openSync(spec.logFile, 'a');
  }
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', out, out],
    detached: spec.detached ?? detachByDefault,
  });
  if (typeof out === 'number') fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.command}`);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = (): Promise<void> => stopPid(pid, spec.stopTimeoutMs ?? 10_000);
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited)
      throw new Error(
        `${spec.name}: exited with code ${String(child.exitCode)} before it was ready${spec.logFile === undefined ? '' : ` (see ${spec.logFile})`}`,
      );
    if ((await isPortOpen(spec.port)) && (spec.isReady === undefined || (await spec.isReady().catch(() => false))))
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${spec.name}: not ready on ${LOOPBACK}:${spec.port} in time`);
    }
    await sleep(100);
  }
  return { name: spec.name, pid, port: spec.port, host: LOOPBACK, child, stop };
}
