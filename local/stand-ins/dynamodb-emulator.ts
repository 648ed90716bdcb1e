// Launches dynalite (the DynamoDB stand-in that holds the KCL lease table) as a child process on 127.0.0.1.
import * as fs from 'node:fs';
import { LOOPBACK, startService, type ServiceProcess } from '../../common/process/service-process';
import { REPO_ROOT } from '../../common/repo-root';

export interface DynamoDbEmulatorOptions {
  readonly port: number;
  /** LevelDB folder that keeps tables across restarts; undefined keeps everything in memory. */
  readonly dataDir?: string;
  readonly logFile?: string;
  /** How long a new table stays CREATING (dynalite's default is 500 ms; tests use less). */
  readonly createTableMs?: number;
}

export interface DynamoDbEmulator {
  readonly process: ServiceProcess;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbEmulator(options: DynamoDbEmulatorOptions): Promise<DynamoDbEmulator> {
  const cli = require.resolve('dynalite/cli.js', { paths: [REPO_ROOT] });
  const args = [cli, '--host', LOOPBACK, '--port', String(options.port)];
  if (options.dataDir !== undefined) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    args.push('--path', options.dataDir);
  }
  const tableMs = String(options.createTableMs ?? 100);
  args.push('--createTableMs', tableMs, '--deleteTableMs', tableMs, '--updateTableMs', tableMs);
  const service = await startService({
    name: 'dynalite',
    command: process.execPath,
    args,
    port: options.port,
    logFile: options.logFile,
    readyTimeoutMs: 30_000,
    stopTimeoutMs: 5_000,
  });
  return { process: service, endpoint: `http://${LOOPBACK}:${options.port}`, stop: () => service.stop() };
}
