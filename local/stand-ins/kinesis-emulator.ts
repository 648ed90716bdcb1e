// Launches kinesis-local (kinesis-mock, the emulator LocalStack uses) as a child process on 127.0.0.1, with short stream delays for tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, LOOPBACK, startService, type ServiceProcess } from '../../common/process/service-process';
import { REPO_ROOT } from '../../common/repo-root';

export interface KinesisEmulatorOptions {
  /** Plain HTTP port clients use (KINESIS_MOCK_PLAIN_PORT). */
  readonly port: number;
  /** kinesis-mock always opens a TLS port as well; a free one is picked when absent. Enhanced fan-out uses it. */
  readonly tlsPort?: number;
  /** The TLS port's certificate (`{"server":{"key","cert"}}`); default kinesis-local's bundled one. See kinesis-tls.ts. */
  readonly certPath?: string;
  /** Keeps streams and records across restarts (SHOULD_PERSIST_DATA); undefined keeps everything in memory. */
  readonly dataDirectory?: string;
  readonly logFile?: string;
  /** How long CreateStream and UpdateShardCount keep a stream CREATING/UPDATING (kinesis-mock's default is 500 ms). */
  readonly createStreamMs?: number;
  readonly updateShardCountMs?: number;
  /** Most shards per account (SHARD_LIMIT, default 50). */
  readonly shardLimit?: number;
  /** kinesis-mock's own log level: ERROR, WARN, INFO, DEBUG, TRACE. */
  readonly logLevel?: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';
  /** Streams created at start, kinesis-mock's INITIALIZE_STREAMS syntax: "name:shards,other:2". */
  readonly initializeStreams?: string;
}

export interface RunningKinesis {
  readonly process: ServiceProcess;
  readonly pid: number;
  /** Always http://127.0.0.1:<port>. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** With open client connections kinesis-mock can take ~30 s to honour SIGTERM; in-memory data has nothing to lose, so we wait less. */
const STOP_TIMEOUT_MS = 5_000;
const PERSISTENT_STOP_TIMEOUT_MS = 35_000;

/**
 * Starts kinesis-local. Its servers bind every interface in the upstream code; a preload
 * (kinesis-loopback-preload) rewrites those listen() calls to 127.0.0.1, and clients must use that address.
 */
export async function startKinesisEmulator(options: KinesisEmulatorOptions): Promise<RunningKinesis> {
  const main = require.resolve('kinesis-local/main.js', { paths: [REPO_ROOT] });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KINESIS_MOCK_PLAIN_PORT: String(options.port),
    KINESIS_MOCK_TLS_PORT: String(options.tlsPort ?? (await freePort())),
    // A relative certificate path is resolved against the working directory, not main.js: always absolute.
    KINESIS_MOCK_CERT_PATH: path.resolve(
      options.certPath ?? require.resolve('kinesis-local/server.json', { paths: [REPO_ROOT] }),
    ),
    CREATE_STREAM_DURATION: `${options.createStreamMs ?? 100}ms`,
    DELETE_STREAM_DURATION: `${options.createStreamMs ?? 100}ms`,
    UPDATE_SHARD_COUNT_DURATION: `${options.updateShardCountMs ?? 200}ms`,
    SPLIT_SHARD_DURATION: `${options.updateShardCountMs ?? 200}ms`,
    MERGE_SHARDS_DURATION: `${options.updateShardCountMs ?? 200}ms`,
    SHARD_LIMIT: String(options.shardLimit ?? 50),
    LOG_LEVEL: options.logLevel ?? 'WARN',
    SHOULD_PERSIST_DATA: String(options.dataDirectory !== undefined),
    ...(options.initializeStreams === undefined ? {} : { INITIALIZE_STREAMS: options.initializeStreams }),
  };
  if (options.dataDirectory !== undefined) {
    fs.mkdirSync(options.dataDirectory, { recursive: true });
    Object.assign(env, {
      PERSIST_PATH: path.resolve(options.dataDirectory),
      PERSIST_INTERVAL: '2s',
      LOAD_DATA_IF_EXISTS: 'true',
    });
  }
  const service = await startService({
    name: 'kinesis-local',
    command: process.execPath,
    args: ['--require', path.join(__dirname, 'kinesis-loopback-preload.js'), main],
    port: options.port,
    env,
    logFile: options.logFile,
    readyTimeoutMs: 60_000,
    stopTimeoutMs: options.dataDirectory === undefined ? STOP_TIMEOUT_MS : PERSISTENT_STOP_TIMEOUT_MS,
  });
  return {
    process: service,
    pid: service.pid,
    endpoint: `http://${LOOPBACK}:${options.port}`,
    stop: () => service.stop(),
  };
}
