// The local stack of a soak run, with the S3 and PostgreSQL stand-ins held separately so a fault can stop and restart them.
import * as path from 'node:path';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { sleep } from '../../common/sleep';
import { freeStackPorts, startLocalStack, type LocalStack, type StackPorts } from '../stand-ins/local-stack';
import { startS3Emulator, type RunningS3 } from '../stand-ins/s3-emulator';
import { startPostgres, type PostgresOptions, type RunningPostgres } from '../stand-ins/postgres-server';

export interface SoakStack {
  readonly ports: StackPorts;
  /** Kinesis and DynamoDB (startLocalStack without sinks). */
  readonly base: LocalStack;
  /** Clients for Kinesis, DynamoDB and S3. */
  readonly factory: AwsClientFactory;
  readonly s3Endpoint: string;
  readonly postgresUrl: string;
  /** Stops s3rver, waits `downMs`, starts it again on the same port and folder (objects kept). */
  bounceS3(downMs: number): Promise<void>;
  /** Fast shutdown of PostgreSQL, then a start on the same port reusing the cluster (rows kept). */
  restartPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSoakStack(dir: string, buckets: readonly string[]): Promise<SoakStack> {
  const ports = await freeStackPorts();
  const base = await startLocalStack({ dir, ports, sinks: false, persist: false });
  const logs = path.join(dir, 'logs');
  const s3Options = { port: ports.s3, directory: path.join(dir, 's3'), buckets, logFile: path.join(logs, 's3.log') };
  // Kept cluster: a restart must keep what the consumer already checkpointed (keepData also commits synchronously).
  const pgOptions: PostgresOptions = {
    port: ports.postgres,
    directory: path.join(dir, 'postgres'),
    keepData: true,
    logFile: path.join(logs, 'postgres.log'),
  };
  let s3: RunningS3 | undefined;
  let postgres: RunningPostgres | undefined;
  try {
    s3 = await startS3Emulator(s3Options);
    postgres = await startPostgres(pgOptions);
  } catch (error: unknown) {
    await s3?.stop();
    await base.stop();
    throw error;
  }
  const s3Endpoint = s3.endpoint;
  const factory = new AwsClientFactory({
    region: base.endpoints.region,
    s3ForcePathStyle: true,
    endpoints: { kinesis: base.endpoints.kinesis, dynamodb: base.endpoints.dynamodb, s3: s3Endpoint },
  });
  return {
    ports,
    base,
    factory,
    s3Endpoint,
    postgresUrl: postgres.url,
    bounceS3: async (downMs) => {
      await s3?.stop();
      s3 = undefined;
      await sleep(downMs);
      s3 = await startS3Emulator(s3Options);
    },
    restartPostgres: async () => {
      await postgres?.stop();
      postgres = undefined;
      postgres = await startPostgres(pgOptions);
    },
    stop: async () => {
      factory.destroy();
      await s3?.stop();
      await postgres?.stop();
      await base.stop();
    },
  };
}
