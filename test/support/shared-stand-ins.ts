// One local stack (Kinesis, DynamoDB, S3, PostgreSQL on free ports) shared by every e2e harness of a mocha run, stopped once at the end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freeStackPorts, startLocalStack, type LocalStack } from '../../local/stand-ins/local-stack';
import { LOCAL_ACCESS_KEY } from '../../common/aws/local-or-cloud';
import { createLocalTables, localSinkEnv } from '../../local/wiring/local-sinks';
import { ensureKinesisTls, type KinesisTls } from '../../local/stand-ins/kinesis-tls';

export const E2E_BUCKET = 'e2e-archive';

export interface SharedStandIns {
  readonly dir: string;
  readonly stack: LocalStack;
  /** Sink settings for the consumer children (bucket, PostgreSQL URL); each harness adds its own archive prefixes. */
  readonly sinkEnv: Readonly<Record<string, string>>;
  /** The Kinesis stand-in's TLS files: daemons started with `retrieval: 'fanout'` need them. */
  readonly tls: KinesisTls;
}

let shared: Promise<SharedStandIns> | undefined;

/**
 * The run's stand-ins, started on first use. Why shared: every e2e file runs on both KCL generations, and starting
 * kinesis-local, dynalite, s3rver and PostgreSQL for each of them costs more than the tests; streams, lease tables,
 * archive prefixes and record ids are unique per harness, so runs do not see each other's data.
 */
export function sharedStandIns(): Promise<SharedStandIns> {
  shared ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcl-e2e-'));
    // As root, PostgreSQL runs as `postgres`, which must be able to enter the folder (mkdtemp makes it 0700).
    fs.chmodSync(dir, 0o711);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY });
    const tls = await ensureKinesisTls(path.join(dir, 'tls'));
    const stack = await startLocalStack({
      dir,
      kinesisTls: tls,
      ports: await freeStackPorts(),
      sinks: true,
      buckets: [E2E_BUCKET],
      persist: false,
    });
    const postgresUrl = stack.endpoints.postgresUrl ?? '';
    await createLocalTables(postgresUrl);
    return { dir, stack, sinkEnv: localSinkEnv(E2E_BUCKET, postgresUrl), tls };
  })();
  return shared;
}

/** Stops the shared stand-ins, if started (registered as a root-level after hook by the e2e harness). */
export async function stopSharedStandIns(): Promise<void> {
  if (shared === undefined) return;
  const { stack, dir } = await shared;
  shared = undefined;
  await stack.stop();
  if (process.env.KEEP_E2E_DIR === undefined) fs.rmSync(dir, { recursive: true, force: true });
}
