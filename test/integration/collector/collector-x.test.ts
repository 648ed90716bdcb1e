// The collector against a fake X filtered stream into kinesis-local: rules, each post once across drop/503/stall/redelivery, no token in any log.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureStream } from '../../../local/stand-ins/stream-setup';
import { FakeXApiServer, xTweet } from '../../fakes/fake-x-api-server';
import { startKinesisStandIn, type KinesisStandIn } from '../../support/kinesis-stand-in';
import { readWholeStream } from '../../support/kinesis-stream-reader';
import { runCollectCli, startCollectCli } from '../../support/run-collect-cli';
import { until } from '../../support/wait-until';

// An app-only token as X issues them: percent-encoded characters that must be sent verbatim.
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAFake%2Bsecret%3DTokenValue4711';

interface StoredPost {
  source: string;
  id: string;
  text: string;
  user: string;
  hashtags: string[];
  created_at: string;
  lang?: string;
}

async function storedPosts(standIn: KinesisStandIn, stream: string): Promise<StoredPost[]> {
  return (await readWholeStream(standIn.client, stream)).userRecords.map(
    (record) => JSON.parse(record.data.toString('utf8')) as StoredPost,
  );
}

describe('collector: X filtered stream (integration)', function () {
  this.timeout(240_000);
  let standIn: KinesisStandIn;
  let dir: string;

  before(async () => {
    standIn = await startKinesisStandIn();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-x-'));
  });

  after(async () => {
    await standIn?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each post once through a dropped connection, a 503, a redelivery and a stall, and resumes from its position after a restart', async () => {
    await ensureStream(standIn.client, 'collect-x', 2);
    const t = (n: number, text: string): object => xTweet(`18000000000000000${n}`, text, `vecina${n}`);
    // "ñ" and the emoji are split across two TCP writes (byte 80 falls inside the multi-byte run of t2).
    const t2 = `${JSON.stringify(t(2, 'La zona de bajas emisiones me parece bien, señora 🚲🚲🚲🚲 #ZBE #Madrid'))}\r\n`;
    const splitAt = Buffer.from(t2.slice(0, t2.indexOf('🚲')), 'utf8').length + 2;
    const fake = new FakeXApiServer(
      TOKEN,
      [
        {
          steps: [
            { tweet: t(1, 'Low emission zone starts today #ZBE') },
            { raw: t2, splitAt },
            { raw: '{"data": {"id": "broken\r\n' },
            { raw: '\r\n' },
            { tweet: t(3, 'Traffic is worse #ZBE') },
            // Matched only by another app's rule on the shared stream: billed, not ours.
            { tweet: { ...t(9, 'Not our topic #Other'), matching_rules: [{ id: '1', tag: 'another-app' }] } },
            { waitMs: 100 },
            { drop: true },
          ],
        },
        { status: 503 },
        {
          steps: [
            { tweet: t(2, 'redelivered') },
            { tweet: t(3, 'redelivered') },
            { tweet: t(4, 'Buses are faster now #ZBE') },
            { stall: true },
          ],
        },
        { steps: [{ tweet: t(5, '¿Y las motos? #ZBE') }] },
      ],
      [
        { id: '1', value: 'from:someone_else', tag: 'another-app' },
        { id: '2', value: '#OldTag', tag: 'kinesis-sentiment-collector' },
      ],
    );
    await fake.start();
    const logFile = path.join(dir, 'collect.log');
    const positionFile = path.join(dir, 'position.json');
    const env = {
      X_BEARER_TOKEN: TOKEN,
      X_API_BASE_URL: fake.endpoint,
      AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint,
    };
    const args = [
      '--source',
      'x',
      '--hashtag',
      '#ZBE',
      '--stream',
      'collect-x',
      '--stall-timeout',
      '2',
      '--json',
      '--log-file',
      logFile,
      '--position-file',
      positionFile,
      '--journal-dir',
      path.join(dir, 'journal'),
      '--read-ledger',
      path.join(dir, 'x-reads.json'),
    ];
    try {
      // Runs until the fifth post (sent on the connection after the stall) is stored, however long the drop, the 503
      // and the stall take on a busy machine; then SIGTERM stops it as an operator would.
      const collecting = startCollectCli(args, env);
      await until(
        async () => fake.connections.length >= 4 && (await storedPosts(standIn, 'collect-x')).length >= 5,
        120_000,
        'the fifth post, after the drop, the 503 and the stall',
        250,
      );
      collecting.signal('SIGTERM');
      const run = await collecting.done;
      expect(run.code, run.stderr).to.equal(0);
      const summary = JSON.parse(run.stdout) as {
        succeeded: number;
        duplicates: number;
        failed: number;
        sourceStats: Record<string, number>;
      };
      expect(summary).to.include({ succeeded: 5, duplicates: 2, failed: 0, unsent: 0 });
      expect(summary.sourceStats).to.include({ stalls: 1, httpErrors: 1, malformed: 1, otherRules: 1 });
      // X bills what it delivers: the 5 posts, the other app's post, and not the 2 redeliveries of the same UTC day.
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'x-reads.json'), 'utf8'))).to.include({ monthReads: 6 });

      // Rules: ours added, our stale one deleted, the other application's rule untouched.
      expect(fake.rules.map((rule) => [rule.value, rule.tag])).to.deep.equal([
        ['from:someone_else', 'another-app'],
        ['#ZBE', 'kinesis-sentiment-collector'],
      ]);
      expect(fake.unauthorized).to.equal(0);

      // The 503 was honoured: the next connection came no sooner than X's documented 5 s HTTP backoff.
      const [first, failed, third, fourth] = fake.connections;
      expect(failed?.status).to.equal(503);
      expect((third?.atMs ?? 0) - (failed?.atMs ?? 0)).to.be.at.least(4_900);
      // The stall was detected: the stalled connection was closed after >= 2 s of silence and a new one opened.
      expect(fourth, 'a connection after the stall').to.not.equal(undefined);
      expect((third?.closedAtMs ?? 0) - (third?.lastByteAtMs ?? 0)).to.be.at.least(1_900);
      expect(fourth?.atMs).to.be.at.least(third?.closedAtMs ?? Infinity);
      expect(first?.status).to.equal(200);
      expect(fake.maxConcurrent).to.equal(1);

      const posts = await storedPosts(standIn, 'collect-x');
      expect(posts.map((post) => post.id).sort()).to.deep.equal([1, 2, 3, 4, 5].map((n) => `18000000000000000${n}`));
      const second = posts.find((post) => post.id.endsWith('2'));
      expect(second).to.deep.include({
        source: 'x',
        user: 'vecina2',
        text: 'La zona de bajas emisiones me parece bien, señora 🚲🚲🚲🚲 #ZBE #Madrid',
        lang: 'es',
      });
      expect(second?.hashtags).to.deep.equal(['ZBE', 'Madrid']);

      // Restart: the same posts come again (backfill), only the new one is sent.
      const again = new FakeXApiServer(TOKEN, [
        { steps: [1, 2, 3, 4, 5].map((n) => ({ tweet: t(n, 'again') })).concat([{ tweet: t(6, 'new #ZBE') }]) },
      ]);
      await again.start();
      try {
        const restarted = startCollectCli(args, { ...env, X_API_BASE_URL: again.endpoint });
        await until(
          async () => again.connections.length >= 1 && (await storedPosts(standIn, 'collect-x')).length >= 6,
          120_000,
          'the new post after the restart',
          250,
        );
        restarted.signal('SIGTERM');
        const rerun = await restarted.done;
        expect(rerun.code, rerun.stderr).to.equal(0);
        expect(JSON.parse(rerun.stdout)).to.include({ succeeded: 1, duplicates: 5 });
      } finally {
        await again.stop();
      }
      expect((await storedPosts(standIn, 'collect-x')).length).to.equal(6);

      const everything = [
        run.stdout,
        run.stderr,
        fs.readFileSync(logFile, 'utf8'),
        fs.readFileSync(positionFile, 'utf8'),
      ].join('\n');
      expect(everything).to.include('stream stalled');
      for (const secret of [TOKEN, decodeURIComponent(TOKEN), 'secret%3DToken'])
        expect(everything).not.to.include(secret);
    } finally {
      await fake.stop();
    }
  });

  it('stops at X_MONTHLY_READ_BUDGET: exit 3, a clear line, the metric, the posts read kept, no connection next time', async () => {
    await ensureStream(standIn.client, 'collect-budget', 1);
    const steps = [1, 2, 3, 4, 5].map((n) => ({ tweet: xTweet(`18650000000000000${n}`, `Post ${n} #ZBE`, `v${n}`) }));
    const fake = new FakeXApiServer(TOKEN, [{ steps }]);
    await fake.start();
    const metricsDir = path.join(dir, 'metrics-budget');
    const env = {
      X_BEARER_TOKEN: TOKEN,
      X_API_BASE_URL: fake.endpoint,
      AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint,
      X_MONTHLY_READ_BUDGET: '3',
      METRICS_MODE: 'local',
      METRICS_DIR: metricsDir,
    };
    // The run ends by itself at the budget (exit 3); --duration is only a bound for a collector that never stops, wide
    // enough that a busy machine cannot turn it into the exit (no wall-clock assertion).
    const args = [
      ...['--source', 'x', '--hashtag', 'ZBE', '--stream', 'collect-budget', '--duration', '300'],
      ...['--journal-dir', path.join(dir, 'journal-budget'), '--read-ledger', path.join(dir, 'x-reads-budget.json')],
      ...['--position-file', path.join(dir, 'position-budget.json'), '--log-file', path.join(dir, 'budget.log')],
    ];
    try {
      const run = await runCollectCli(args, env);
      expect(run.code, run.stderr).to.equal(3);
      expect(run.stderr).to.match(
        /X monthly read budget spent: \d billable post reads in \d{4}-\d{2} \(UTC\) reached X_MONTHLY_READ_BUDGET=3/,
      );
      expect(fs.readFileSync(path.join(dir, 'budget.log'), 'utf8')).to.include(
        'X monthly read budget spent; stopped reading X',
      );
      expect(
        JSON.stringify(fs.readdirSync(metricsDir).map((f) => fs.readFileSync(path.join(metricsDir, f), 'utf8'))),
      ).to.include('XReadBudgetExhausted');
      // The posts X delivered (and billed) up to the budget are stored; nothing after. Two posts may share the chunk
      // that reaches the budget (a busy machine), and both are kept: X billed both.
      const reads = (
        JSON.parse(fs.readFileSync(path.join(dir, 'x-reads-budget.json'), 'utf8')) as { monthReads: number }
      ).monthReads;
      expect(reads).to.be.within(3, 5);
      const stored = (await readWholeStream(standIn.client, 'collect-budget')).userRecords.map(
        (record) => (JSON.parse(record.data.toString('utf8')) as StoredPost).id,
      );
      expect(stored.sort()).to.deep.equal([1, 2, 3, 4, 5].slice(0, reads).map((n) => `18650000000000000${n}`));
      const connections = fake.connections.length;
      const again = await runCollectCli(args, env);
      expect(again.code).to.equal(3);
      expect(fake.connections.length).to.equal(connections);
    } finally {
      await fake.stop();
    }
  });

  it('exits 3 without retrying when X refuses the token', async () => {
    const fake = new FakeXApiServer('the-right-token', []);
    await fake.start();
    try {
      const run = await runCollectCli(
        [
          ...['--source', 'x', '--hashtag', 'ZBE', '--stream', 'collect-x', '--duration', '5'],
          ...['--journal-dir', path.join(dir, 'journal-401'), '--read-ledger', path.join(dir, 'x-reads-401.json')],
        ],
        { X_BEARER_TOKEN: TOKEN, X_API_BASE_URL: fake.endpoint, AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint },
      );
      expect(run.code).to.equal(3);
      expect(run.stderr).to.include('HTTP 401');
      expect(run.stderr).not.to.include(TOKEN);
      expect(fake.unauthorized).to.equal(1);
    } finally {
      await fake.stop();
    }
  });
});
