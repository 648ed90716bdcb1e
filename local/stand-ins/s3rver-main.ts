// Child-process entry that runs s3rver on 127.0.0.1 (started by s3-emulator.ts with --openssl-legacy-provider).
import * as fs from 'node:fs';

interface S3rverInstance {
  run(): Promise<unknown>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

// s3rver ships no type declarations; the constructor shape used here is all we rely on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverConstructor;

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const port = Number(argument('port'));
  const directory = argument('directory');
  if (!Number.isInteger(port) || port <= 0 || directory === undefined) {
    throw new Error('usage: s3rver-main --port <port> --directory <dir> [--bucket <name>]...');
  }
  const buckets = process.argv
    .flatMap((arg, i) => (arg === '--bucket' ? [process.argv[i + 1] ?? ''] : []))
    .filter((b) => b !== '');
  fs.mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await server.run();
  // Exit at once: waiting for clients' keep-alive sockets to close would stall every stop by seconds.
  const shutdown = (): void => process.exit(0);
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`s3rver-main: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
