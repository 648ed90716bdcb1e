// Starts s3rver (the local S3 stand-in) as a child process on 127.0.0.1 and stops it by PID.
import * as path from 'node:path';
import { startService } from '../../common/process/service-process';

export interface S3EmulatorOptions {
  readonly port: number;
  /** Where s3rver keeps buckets and objects. */
  readonly directory: string;
  /** Buckets created at start-up. */
  readonly buckets?: readonly string[];
  readonly logFile?: string;
}

export interface RunningS3 {
  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Runs dist/local/stand-ins/s3rver-main.js under `node --openssl-legacy-provider` (listings over 1,000 keys fail without it). */
export async function startS3Emulator(options: S3EmulatorOptions): Promise<RunningS3> {
  const script = path.join(__dirname, 's3rver-main.js');
  const args = ['--openssl-legacy-provider', script, '--port', String(options.port), '--directory', options.directory];
  for (const bucket of options.buckets ?? []) args.push('--bucket', bucket);
  const service = await startService({
    name: 's3rver',
    command: process.execPath,
    args,
    port: options.port,
    readyTimeoutMs: 30_000,
    stopTimeoutMs: 5_000,
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
  });
  return { endpoint: `http://${service.host}:${service.port}`, pid: service.pid, stop: () => service.stop() };
}
