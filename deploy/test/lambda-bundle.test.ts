// The Lambda consumer as the deployment bundles it (esbuild, CommonJS, node20): it loads, scores with the local analyzer and answers an event.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../../common/repo-root';
import { LAMBDA_NODE_MODULES } from '../lib/lambda-consumer';
import { kinesisEvent, kinesisEventRecord } from '../../local/lambda/lambda-kinesis-event';

type Handler = (
  event: unknown,
  context: { getRemainingTimeInMillis(): number },
) => Promise<{ batchItemFailures: unknown[] }>;

describe('deploy: the Lambda consumer bundle', function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambda-bundle-'));
  const saved = { ...process.env };
  after(() => {
    process.env = saved;
    // The bundled handler's winston file transport may still open consumer.log as the directory goes (it lives as
    // long as a warm Lambda, so nothing closes it): rmSync retries on ENOTEMPTY.
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it('loads from one file and handles a Kinesis event with the local analyzer and no sinks', async () => {
    const outfile = path.join(dir, 'index.js');
    // The options NodejsFunction passes (deploy/lib/lambda-consumer.ts): one CommonJS file for Node 20+.
    buildSync({
      entryPoints: [path.join(REPO_ROOT, 'consumer', 'lambda', 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      external: ['pg-native', ...LAMBDA_NODE_MODULES],
      outfile,
      logLevel: 'silent',
    });
    // NodejsFunction installs these beside the bundle (nodeModules); here they are linked from the project's own.
    fs.mkdirSync(path.join(dir, 'node_modules'));
    for (const name of LAMBDA_NODE_MODULES)
      fs.symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(dir, 'node_modules', name));
    Object.assign(process.env, {
      SINKS: 'none',
      SENTIMENT_ANALYZER: 'local',
      LOG_FILE: path.join(dir, 'consumer.log'),
      KINESIS_STREAM_NAME: 'bundle-test',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { handler } = require(outfile) as { handler: Handler };
    const post = Buffer.from(
      JSON.stringify({
        id: '1',
        text: 'The new low emission zone is wonderful',
        lang: 'en',
        created_at: '2026-12-01T10:00:00Z',
        user: 'u',
        hashtags: ['ZBE'],
      }),
    );
    const event = kinesisEvent([
      kinesisEventRecord(
        {
          shardId: 'shardId-000000000000',
          sequenceNumber: '4960000000000000000001',
          partitionKey: 'p',
          data: post,
          approximateArrivalTimestampMs: Date.now(),
        },
        { region: 'us-east-1', streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/bundle-test' },
      ),
    ]);
    const response = await handler(event, { getRemainingTimeInMillis: () => 60_000 });
    expect(response).to.deep.equal({ batchItemFailures: [] });
    expect(fs.statSync(outfile).size).to.be.greaterThan(100_000);
  });
});
