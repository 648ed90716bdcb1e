// Launches the real Java KCL MultiLangDaemon in its own process group and stops it gracefully (SIGTERM), then by force, children included.
import type { ProcessExit } from '../common/process/process-exit';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from '../common/process/service-process';
import { groupAlive, killGroup } from '../common/process/process-group';
import { sleep } from '../common/sleep';
import { waitForLogLine } from '../common/process/log-watch';
import { DEFAULT_KCL_GENERATION, kclJarsDir, type KclGeneration } from './kcl-generation';
import { REPO_ROOT } from '../common/repo-root';

export const MULTILANG_DAEMON_CLASS = 'software.amazon.kinesis.multilang.MultiLangDaemon';
/** Small heap, serial GC, C1 only: the daemon is I/O bound and CI machines have 2 cores. */
export const DEFAULT_JAVA_OPTIONS: readonly string[] = [
  '-Xms64m',
  '-Xmx384m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
];

export interface KclDaemonOptions {
  readonly propertiesFile: string;
  readonly logFile: string;
  /** Added to this process's environment for the JVM and, through it, every consumer child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Which KCL generation's jars to run (default DEFAULT_KCL_GENERATION; its folder, kclJarsDir). */
  readonly generation?: KclGeneration;
  /** JVM options (default DEFAULT_JAVA_OPTIONS); enhanced fan-out adds the stand-in's trust store (kinesis-tls.ts). */
  readonly javaOptions?: readonly string[];
  /** Working folder of the daemon and its children (relative executableName paths resolve here). */
  readonly cwd?: string;
}

export interface KclDaemon {
  readonly pid: number;
  readonly logFile: string;
  /** Resolves when the JVM exits, for whatever reason. */
  readonly exited: Promise<ProcessExit>;
  /** Resolves with the first log line (written after this call's start offset) matching `pattern`. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM (the daemon's shutdown hook asks processors to checkpoint), SIGKILL to the whole group after `graceMs`. */
  stop(graceMs?: number): Promise<ProcessExit>;
}

/** True when `npm run kcl:jars` has filled the generation's jar folder (daemon/kcl/jars/<version>/). */
export function jarsPresent(
  generation: KclGeneration = DEFAULT_KCL_GENERATION,
  jarsDir = kclJarsDir(generation),
): boolean {
  try {
    return fs.readdirSync(jarsDir).some((name) => name.startsWith('amazon-kinesis-client-multilang'));
  } catch {
    return false;
  }
}

export function startKclDaemon(options: KclDaemonOptions): KclDaemon {
  const generation = options.generation ?? DEFAULT_KCL_GENERATION;
  const jarsDir = kclJarsDir(generation);
  if (!jarsPresent(generation, jarsDir)) throw new Error(`KCL jars missing in ${jarsDir}: run \`npm run kcl:jars\``);
  const propertiesFile = path.resolve(options.propertiesFile);
  const classpath = `${jarsDir}${path.sep}*${path.delimiter}${path.dirname(propertiesFile)}`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const startOffset = fs.existsSync(options.logFile) ? fs.statSync(options.logFile).size : 0;
  const out = fs.openSync(options.logFile, 'a');
  const args = [
    ...(options.javaOptions ?? DEFAULT_JAVA_OPTIONS),
    '-cp',
    classpath,
    MULTILANG_DAEMON_CLASS,
    '--properties-file',
    propertiesFile,
  ];
  // detached: the JVM leads a new process group, so the consumer children it forks can be found and stopped with it.
  const child = spawn('java', args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  if (child.pid === undefined) throw new Error('could not spawn java: is a JDK on PATH?');
  const pid = child.pid;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', () => resolve({ code: null, signal: null }));
  });

  const stop = async (graceMs = 30_000): Promise<ProcessExit> => {
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    // The grace timer is cancelled as soon as the JVM exits: a pending timer would keep the caller's process alive.
    const grace = new AbortController();
    const timer = sleep(graceMs, grace.signal).then(() => (grace.signal.aborted ? 'exited' : ('timeout' as const)));
    const first = await Promise.race([exited, timer]);
    grace.abort();
    if (first === 'timeout') killGroup(pid, 'SIGKILL');
    const exit = await exited;
    // Children exit when their stdin closes; anything still in the group after 5 s is killed.
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
    if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
    return exit;
  };

  return {
    pid,
    logFile: options.logFile,
    exited,
    waitForLog: (pattern, timeoutMs) =>
      waitForLogLine(options.logFile, pattern, { fromOffset: startOffset, timeoutMs, until: exited }),
    stop,
  };
}
