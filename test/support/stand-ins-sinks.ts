// Starts the sinks' real stand-ins for a test or bench (s3rver and PostgreSQL child processes on free loopback ports) and stops them by PID.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPostgres, type RunningPostgres } from '../../local/stand-ins/postgres-server';
import { startS3Emulator, type RunningS3 } from '../../local/stand-ins/s3-emulator';
import { freePort } from '../../common/process/service-process';

export interface SinkStandIns {
  readonly s3: S3Client;
  readonly s3Endpoint: string;
  readonly bucket: string;
  /** Connection URL with the stand-in's password: never log it. */
  readonly postgresUrl: string;
  readonly directory: string;
  stop(): Promise<void>;
}

/** An S3 client configured as common/aws/client-factory.ts configures it, with s3rver's fixed credentials. */
export function s3ClientFor(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 60_000 }),
    maxAttempts: 3,
  });
}

export async function startSinkStandIns(
  options: { postgres?: boolean; s3?: boolean; bucket?: string } = {},
): Promise<SinkStandIns> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sink-stand-ins-'));
  // PostgreSQL runs as the `postgres` user when we are root: it must be able to enter this folder.
  fs.chmodSync(directory, 0o755);
  const bucket = options.bucket ?? 'archive-test';
  let s3Server: RunningS3 | undefined;
  let postgres: RunningPostgres | undefined;
  let s3: S3Client | undefined;
  const stop = async (): Promise<void> => {
    s3?.destroy();
    await Promise.all([s3Server?.stop(), postgres?.stop()]);
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    if (options.s3 !== false) {
      s3Server = await startS3Emulator({
        port: await freePort(),
        directory: path.join(directory, 's3'),
        logFile: path.join(directory, 's3rver.log'),
      });
      s3 = s3ClientFor(s3Server.endpoint);
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    if (options.postgres !== false) {
      postgres = await startPostgres({
        port: await freePort(),
        directory: path.join(directory, 'pg'),
        database: 'sinks',
        logFile: path.join(directory, 'postgres.log'),
      });
    }
  } catch (error: unknown) {
    await stop();
    throw error;
  }
  return {
    s3: s3 ?? s3ClientFor('http://127.0.0.1:1'),
    s3Endpoint: s3Server?.endpoint ?? '',
    bucket,
    postgresUrl: postgres?.url ?? '',
    directory,
    stop,
  };
}
