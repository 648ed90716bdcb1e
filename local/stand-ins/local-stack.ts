// Starts and stops the local stand-ins (Kinesis, DynamoDB, optionally S3 and PostgreSQL) on loopback ports, data under one folder.
import * as path from 'node:path';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { freePort, isPortOpen, LOOPBACK } from '../../common/process/service-process';
import { startKinesisEmulator } from './kinesis-emulator';
import { startDynamoDbEmulator } from './dynamodb-emulator';
import { startS3Emulator } from './s3-emulator';
import { startPostgres } from './postgres-server';
import type { KinesisTls } from './kinesis-tls';
import { startKinesisH2Bridge } from './kinesis-h2-bridge';
import { kinesisShardEndProbe } from './kinesis-shard-end-probe';
import type { PidRegistry } from '../../common/process/pid-registry';
import { PORT_SETTINGS, standInPorts } from './local-ports';

export interface StackPorts {
  readonly kinesis: number;
  /** kinesis-mock always opens a TLS port too; enhanced fan-out (SubscribeToShard over HTTP/2) uses it. */
  readonly kinesisTls: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly postgres: number;
}

/** The documented ports of `npm start` (4570 is the dashboard's; see local-ports.ts PORT_SETTINGS, the source of these defaults). */
export const FIXED_PORTS: StackPorts = {
  kinesis: PORT_SETTINGS.kinesis.port,
  dynamodb: PORT_SETTINGS.dynamodb.port,
  s3: PORT_SETTINGS.s3.port,
  kinesisTls: PORT_SETTINGS.kinesisTls.port,
  postgres: PORT_SETTINGS.postgres.port,
};

export async function freeStackPorts(): Promise<StackPorts> {
  return {
    kinesis: await freePort(),
    kinesisTls: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    postgres: await freePort(),
  };
}

export interface LocalStackOptions {
  /** Data and logs go under this folder (.local for `npm start`, a temporary folder in tests). */
  readonly dir: string;
  readonly ports: StackPorts;
  /** Start s3rver and PostgreSQL as well (false: Kinesis and DynamoDB only, enough for SINKS=none). */
  readonly sinks: boolean;
  readonly buckets?: readonly string[];
  readonly postgresDatabase?: string;
  /** Where each started PID is recorded, so a later start can clean up after a hard kill. */
  readonly registry?: PidRegistry;
  /** Keep Kinesis, DynamoDB and PostgreSQL data on disk across restarts (default true; tests pass false: in memory or recreated, faster). */
  readonly persist?: boolean;
  /** Serve Kinesis' TLS port with the project's certificate for 127.0.0.1 (enhanced fan-out; see kinesis-tls.ts). */
  readonly kinesisTls?: KinesisTls;
  /** The caller has checked every port already (`npm start`: assertStartPorts, with flags in its message); default false. */
  readonly portsChecked?: boolean;
}

export interface StackEndpoints {
  readonly region: string;
  readonly kinesis: string;
  /** https://127.0.0.1:<port> of the HTTP/2 bridge to the TLS port, present when started with `kinesisTls`. */
  readonly kinesisTls?: string;
  readonly dynamodb: string;
  readonly s3?: string;
  /** postgres://user:password@127.0.0.1:port/db (local throwaway password; never log it elsewhere). */
  readonly postgresUrl?: string;
}

export interface LocalStack {
  readonly endpoints: StackEndpoints;
  readonly factory: AwsClientFactory;
  stop(): Promise<void>;
}

/** The region every stand-in answers for. */
const STACK_REGION = 'us-east-1';

type Stoppable = { readonly name: string; readonly pid: number; stop(): Promise<void> };

/** One message naming every taken port, before anything starts. */
export async function assertPortsFree(ports: StackPorts, withSinks: boolean): Promise<void> {
  const taken: string[] = [];
  for (const key of standInPorts(withSinks))
    if (await isPortOpen(ports[key])) taken.push(`${PORT_SETTINGS[key].what} ${LOOPBACK}:${ports[key]}`);
  if (taken.length > 0)
    throw new Error(
      `port(s) already in use: ${taken.join(', ')}. Is another \`npm start\` running? Stop it, or free the port(s).`,
    );
}

/** The fan-out bridge with its own client for the shard-end probe (plain HTTP to kinesis-local); close() ends both. */
async function startFanOutBridge(
  kinesisTls: KinesisTls,
  upstreamPort: number,
  kinesisEndpoint: string,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const clients = new AwsClientFactory({
    region: STACK_REGION,
    s3ForcePathStyle: false,
    endpoints: { kinesis: kinesisEndpoint },
  });
  try {
    const bridge = await startKinesisH2Bridge({
      tls: kinesisTls,
      upstreamPort,
      shardEnd: kinesisShardEndProbe(clients.kinesis()),
    });
    return {
      endpoint: bridge.endpoint,
      close: async () => {
        await bridge.close();
        clients.destroy();
      },
    };
  } catch (error: unknown) {
    clients.destroy();
    throw error;
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  if (options.portsChecked !== true) await assertPortsFree(options.ports, options.sinks);
  const started: Stoppable[] = [];
  const logs = path.join(options.dir, 'logs');
  const track = (s: Stoppable, marker: string): void => {
    started.push(s);
    options.registry?.add({ name: s.name, pid: s.pid, group: false, marker });
  };
  const stop = async (): Promise<void> => {
    for (const s of started.splice(0).reverse()) {
      await s.stop();
      options.registry?.remove(s.pid);
    }
  };
  try {
    const kinesis = await startKinesisEmulator({
      port: options.ports.kinesis,
      tlsPort: options.ports.kinesisTls,
      ...(options.kinesisTls === undefined ? {} : { certPath: options.kinesisTls.certJsonPath }),
      dataDirectory: options.persist === false ? undefined : path.join(options.dir, 'kinesis'),
      logFile: path.join(logs, 'kinesis.log'),
      updateShardCountMs: 1_000,
    });
    track({ name: 'kinesis', pid: kinesis.pid, stop: kinesis.stop }, 'kinesis-local');
    // Enhanced fan-out reaches the TLS port through the HTTP/2 bridge (see kinesis-h2-bridge.ts).
    const bridge =
      options.kinesisTls === undefined
        ? undefined
        : await startFanOutBridge(options.kinesisTls, options.ports.kinesisTls, kinesis.endpoint);
    if (bridge !== undefined) started.push({ name: 'kinesis-h2-bridge', pid: process.pid, stop: bridge.close });
    const dynamodb = await startDynamoDbEmulator({
      port: options.ports.dynamodb,
      ...(options.persist === false ? {} : { dataDir: path.join(options.dir, 'dynamodb') }),
      logFile: path.join(logs, 'dynamodb.log'),
    });
    track({ name: 'dynamodb', pid: dynamodb.process.pid, stop: dynamodb.stop }, 'dynalite');
    let s3: string | undefined;
    let postgresUrl: string | undefined;
    if (options.sinks) {
      const s3rver = await startS3Emulator({
        port: options.ports.s3,
        directory: path.join(options.dir, 's3'),
        buckets: options.buckets ?? [],
        logFile: path.join(logs, 's3.log'),
      });
      track({ name: 's3', pid: s3rver.pid, stop: s3rver.stop }, 's3rver');
      s3 = s3rver.endpoint;
      const postgres = await startPostgres({
        port: options.ports.postgres,
        directory: path.join(options.dir, 'postgres'),
        keepData: options.persist !== false,
        logFile: path.join(logs, 'postgres.log'),
        ...(options.postgresDatabase === undefined ? {} : { database: options.postgresDatabase }),
      });
      track({ name: 'postgres', pid: postgres.pid, stop: postgres.stop }, 'postgres');
      postgresUrl = postgres.url;
    }
    const endpoints: StackEndpoints = {
      region: STACK_REGION,
      kinesis: kinesis.endpoint,
      ...(bridge === undefined ? {} : { kinesisTls: bridge.endpoint }),
      dynamodb: dynamodb.endpoint,
      ...(s3 === undefined ? {} : { s3 }),
      ...(postgresUrl === undefined ? {} : { postgresUrl }),
    };
    const factory = new AwsClientFactory({
      region: endpoints.region,
      s3ForcePathStyle: true,
      endpoints: { kinesis: endpoints.kinesis, dynamodb: endpoints.dynamodb, ...(s3 === undefined ? {} : { s3 }) },
    });
    return {
      endpoints,
      factory,
      stop: async () => {
        factory.destroy();
        await stop();
      },
    };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
