// The pandas snippet of docs/analysts.md, run as printed with Debian's python3-pandas and python3-boto3 against s3rver.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NullLogger } from '../../../common/logger';
import { REPO_ROOT } from '../../../common/repo-root';
import { CuratedSink } from '../../../consumer/sinks/curated/curated-sink';
import { S3ObjectStore } from '../../../consumer/sinks/s3/s3-object-store';
import { cutIntoBatches, makeShardStream } from '../../support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { archiveSink, FAST_RETRY } from '../consumer/sinks/sink-fixtures';

/** Debian's interpreter: its dist-packages hold python3-pandas and python3-boto3 (a pyenv python3 on PATH would not). */
const PYTHON = '/usr/bin/python3';

/** The ```python blocks of the doc, by the `# analysts: <name>` line each starts with. */
function snippets(): Map<string, string> {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'analysts.md'), 'utf8');
  const blocks = new Map<string, string>();
  for (const match of doc.matchAll(/```python\n(# analysts: (\w+)\n[\s\S]*?)```/g))
    blocks.set(match[2] ?? '', match[1] ?? '');
  return blocks;
}

function importable(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0;
}

describe('the pandas snippet in docs/analysts.md, with real Python clients', function () {
  this.timeout(180_000);
  let standIns: SinkStandIns;
  let env: NodeJS.ProcessEnv;
  const items = makeShardStream({ shardId: 'shardId-000000000004', count: 200, seed: 8 });
  const blocks = snippets();

  before(async function () {
    if (!importable('pandas') || !importable('boto3'))
      throw new Error(`${PYTHON} lacks pandas or boto3: apt-get install -y python3-pandas python3-boto3`);
    standIns = await startSinkStandIns({ postgres: false, bucket: 'snippet-archive' });
    const store = new S3ObjectStore(standIns.s3, {
      bucket: standIns.bucket,
      sse: { mode: 'none' },
      retryPolicy: FAST_RETRY,
      logger: new NullLogger(),
    });
    const curated = new CuratedSink(store, {
      prefix: 'curated',
      statePrefix: 'curated-state',
      logger: new NullLogger(),
    });
    const archive = archiveSink(standIns);
    for (const batch of cutIntoBatches(items, [70])) await Promise.all([archive.write(batch), curated.write(batch)]);
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ARCHIVE_BUCKET: standIns.bucket,
      AWS_ENDPOINT_URL_S3: standIns.s3Endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    };
  });
  after(async () => {
    await standIns?.stop();
  });

  const run = (...names: string[]): string => {
    const code = names
      .map((name) => blocks.get(name) ?? expect.fail(`no block "${name}" in docs/analysts.md`))
      .join('\n');
    const result = spawnSync(PYTHON, ['-'], { input: code, env, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr, 'python stderr').to.not.match(/Traceback/);
    expect(result.status).to.equal(0);
    return result.stdout;
  };

  const count = (predicate: (item: (typeof items)[number]) => boolean): number => items.filter(predicate).length;

  it('reads the raw archive and the dead letters with pandas and boto3', () => {
    const out = run('setup', 'raw');
    const byReason = (reason: string): number =>
      count((item) => item.decoded.kind === 'rejected' && item.decoded.reason === reason);
    expect(out).to.include(`raw records: ${items.length}\n`);
    expect(out).to.include(
      `dead letters: {'invalid-json': ${byReason('invalid-json')}, 'invalid-utf8': ${byReason('invalid-utf8')}}\n`,
    );
  });

  it('reads the curated Parquet with pandas (needs pyarrow)', function () {
    if (!importable('pyarrow')) this.skip();
    const out = run('setup', 'curated');
    const label = (name: string): number =>
      count((item) => item.decoded.kind === 'post' && item.sentiment?.ok === true && item.sentiment.label === name);
    expect(out).to.include(`posts by label: {'NEGATIVE': ${label('NEGATIVE')}, 'POSITIVE': ${label('POSITIVE')}}\n`);
  });
});
