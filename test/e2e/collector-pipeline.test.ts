// End-to-end: posts collected from a fake X stream go through the real daemon into post_sentiment once each, even when two collectors send them; the archive keeps every record.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { LOCAL_POSTS_TABLE } from '../../local/wiring/local-sinks';
import { FakeXApiServer, xTweet, type ConnectionScript } from '../fakes/fake-x-api-server';
import { checkpointReached, E2E_BUCKET, E2eHarness } from '../support/e2e-harness';
import { readWholeStream } from '../support/kinesis-stream-reader';
import { runCollectCli } from '../support/run-collect-cli';
import { readArchive } from '../support/stand-ins-archive';

const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAE2e%2Fbearer%3Dtoken';

async function rows(
  url: string,
  idPrefix: string,
): Promise<{ source: string | null; post_id: string; user_name: string; lang: string }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query(
        `SELECT source, post_id, user_name, lang FROM ${LOCAL_POSTS_TABLE} WHERE post_id LIKE $1 ORDER BY post_id`,
        [`${idPrefix}%`],
      )
    ).rows as { source: string | null; post_id: string; user_name: string; lang: string }[];
  } finally {
    await client.end();
  }
}

describe('e2e: the X collector feeding the whole pipeline', function () {
  this.timeout(300_000);
  let harness: E2eHarness | undefined;

  before(async () => {
    harness = await E2eHarness.start({ shards: 2, sinks: 'all' });
  });
  after(async () => {
    await harness?.stop();
  });

  it('stores each collected post once with its source although two collectors sent it, and archives both records', async () => {
    const h = harness as E2eHarness;
    // The stand-ins (and the posts table) are shared by the e2e tests: this run's ids carry a prefix of their own.
    const idPrefix = String(Date.now());
    const tweets = [1, 2, 3, 4].map((n) =>
      xTweet(
        `${idPrefix}${n}`,
        n % 2 === 0
          ? `Por fin aire limpio en el centro, qué alivio #ZBE ${n}`
          : `The low emission zone works #ZBE ${n}`,
        `resident${n}`,
      ),
    );
    const script = (): ConnectionScript[] => [{ steps: tweets.map((tweet) => ({ tweet })) }];
    const postgresUrl = h.stack.endpoints.postgresUrl ?? '';
    // Two collectors, each with its own position: both send every post.
    for (const name of ['a', 'b']) {
      const fake = new FakeXApiServer(TOKEN, script());
      await fake.start();
      try {
        const run = await runCollectCli(
          [
            '--source',
            'x',
            '--hashtag',
            'ZBE',
            '--stream',
            h.streamName,
            '--duration',
            '4',
            '--json',
            '--position-file',
            path.join(h.dir, `position-${h.id}-${name}.json`),
            '--log-file',
            path.join(h.dir, `collect-${h.id}-${name}.log`),
          ],
          { X_BEARER_TOKEN: TOKEN, X_API_BASE_URL: fake.endpoint, AWS_ENDPOINT_URL_KINESIS: h.stack.endpoints.kinesis },
        );
        expect(run.code, run.stderr).to.equal(0);
        expect(JSON.parse(run.stdout)).to.include({ succeeded: 4 });
      } finally {
        await fake.stop();
      }
    }
    const stored = await readWholeStream(h.stack.factory.kinesis(), h.streamName);
    expect(stored.userRecords).to.have.length(8);
    const lastPerShard = new Map<string, string>();
    for (const { shardId, record } of stored.kinesisRecords) lastPerShard.set(shardId, record.SequenceNumber ?? '0');

    h.startDaemon('collector-worker');
    await h.waitForLeases(
      (leases) =>
        [...lastPerShard].every(([shard, sequence]) =>
          checkpointReached(leases.find((l) => l.leaseKey === shard)?.checkpoint, sequence),
        ),
      180_000,
    );

    expect(await rows(postgresUrl, idPrefix)).to.deep.equal(
      [1, 2, 3, 4].map((n) => ({
        source: 'x',
        post_id: `${idPrefix}${n}`,
        user_name: `resident${n}`,
        lang: n % 2 === 0 ? 'es' : 'en',
      })),
    );
    const archive = await readArchive(h.stack.factory.s3(), E2E_BUCKET, `${h.archivePrefix}/raw/`);
    expect(archive.lines.length).to.equal(8);
    for (const name of ['a', 'b'])
      expect(fs.readFileSync(path.join(h.dir, `collect-${h.id}-${name}.log`), 'utf8')).not.to.include(TOKEN);
  });
});
