// The collector against a fake Instagram Graph API into kinesis-local: paging every poll, each media once, language detected, budget kept.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureStream } from '../../../local/stand-ins/stream-setup';
import { FakeInstagramGraphServer, type FakeMedia } from '../../fakes/fake-instagram-graph-server';
import { startKinesisStandIn, type KinesisStandIn } from '../../support/kinesis-stand-in';
import { readWholeStream } from '../../support/kinesis-stream-reader';
import { runCollectCli } from '../../support/run-collect-cli';

const TOKEN = 'IGQWRFakeLongLivedAccessToken0123456789abcdef';
const USER_ID = '17841400000000001';

const media = (n: number, caption: string | undefined): FakeMedia => ({
  id: `1790000000000000${n}`,
  timestamp: `2026-11-30T0${n}:00:00+0000`,
  permalink: `https://www.instagram.com/p/fake${n}/`,
  media_type: 'IMAGE',
  ...(caption === undefined ? {} : { caption }),
});

describe('collector: Instagram hashtag search (integration)', function () {
  this.timeout(180_000);
  let standIn: KinesisStandIn;
  let dir: string;

  before(async () => {
    standIn = await startKinesisStandIn();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collect-ig-'));
  });

  after(async () => {
    await standIn?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pages every poll from the first page, sends each media once with a detected language, and never logs the token', async () => {
    await ensureStream(standIn.client, 'collect-ig', 1);
    const first = [
      media(3, 'La zona de bajas emisiones ha mejorado el aire del barrio #ZBE'),
      media(2, 'The new low emission zone is a disaster for small shops #ZBE'),
      media(1, undefined),
    ];
    const fake = new FakeInstagramGraphServer(TOKEN, USER_ID, '17843853986012965', [
      first,
      [media(4, 'Por fin se puede respirar en el centro #ZBE #aire'), ...first],
    ]);
    await fake.start();
    const logFile = path.join(dir, 'collect.log');
    const budgetFile = path.join(dir, 'budget.json');
    try {
      const run = await runCollectCli(
        [
          '--source',
          'instagram',
          '--hashtag',
          'ZBE',
          '--stream',
          'collect-ig',
          '--interval',
          '1',
          '--duration',
          '5',
          '--json',
          '--log-file',
          logFile,
          '--budget-file',
          budgetFile,
          '--position-file',
          path.join(dir, 'position.json'),
        ],
        {
          INSTAGRAM_ACCESS_TOKEN: TOKEN,
          INSTAGRAM_USER_ID: USER_ID,
          INSTAGRAM_GRAPH_BASE_URL: fake.graphBaseUrl,
          AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint,
        },
      );
      expect(run.code, run.stderr).to.equal(0);
      const summary = JSON.parse(run.stdout) as {
        succeeded: number;
        duplicates: number;
        sourceStats: { connects: number; pages: number };
      };
      expect(summary.succeeded).to.equal(3);
      expect(summary.sourceStats.connects).to.be.at.least(2);
      // Every poll restarted at the first page and followed paging to the end (3 media = 2 pages, 4 media = 2 pages).
      const polls = new Set(fake.pageRequests.map((request) => request.poll));
      for (const poll of polls)
        expect(
          fake.pageRequests.filter((request) => request.poll === poll && request.after === undefined),
        ).to.have.length(1);
      expect(fake.pageRequests.filter((request) => request.poll === 0)).to.have.length(2);
      expect(summary.duplicates).to.be.at.least(2);
      expect(fake.hashtagSearches).to.deep.equal(['ZBE']);

      const posts = (await readWholeStream(standIn.client, 'collect-ig')).userRecords.map(
        (record) => JSON.parse(record.data.toString('utf8')) as Record<string, unknown>,
      );
      expect(posts.map((post) => post.id).sort()).to.deep.equal([
        '17900000000000002',
        '17900000000000003',
        '17900000000000004',
      ]);
      const byId = new Map(posts.map((post) => [post.id, post]));
      expect(byId.get('17900000000000003')).to.deep.include({
        source: 'instagram',
        lang: 'es',
        created_at: '2026-11-30T03:00:00+0000',
        user: '',
      });
      expect(byId.get('17900000000000002')).to.deep.include({ lang: 'en' });
      expect(byId.get('17900000000000004')?.hashtags).to.deep.equal(['ZBE', 'aire']);

      const ledger = JSON.parse(fs.readFileSync(budgetFile, 'utf8')) as {
        accounts: Record<string, { hashtag: string }[]>;
      };
      expect(ledger.accounts[USER_ID]?.map((entry) => entry.hashtag)).to.deep.equal(['zbe']);
      const everything = [run.stdout, run.stderr, fs.readFileSync(logFile, 'utf8')].join('\n');
      expect(everything).not.to.include(TOKEN);
    } finally {
      await fake.stop();
    }
  });

  it('exits 3 on an invalid token (Graph code 190 over HTTP 400) without printing either token', async () => {
    const fake = new FakeInstagramGraphServer(TOKEN, USER_ID, '1', [[]]);
    await fake.start();
    const wrong = 'IGQWRWrongTokenValue987654321';
    try {
      const run = await runCollectCli(
        [
          '--source',
          'instagram',
          '--hashtag',
          'ZBE',
          '--stream',
          'collect-ig',
          '--duration',
          '5',
          '--budget-file',
          path.join(dir, 'b2.json'),
          '--log-file',
          path.join(dir, 'bad-token.log'),
        ],
        {
          INSTAGRAM_ACCESS_TOKEN: wrong,
          INSTAGRAM_USER_ID: USER_ID,
          INSTAGRAM_GRAPH_BASE_URL: fake.graphBaseUrl,
          AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint,
        },
      );
      expect(run.code, run.stderr).to.equal(3);
      expect(run.stderr).to.include('Invalid OAuth access token');
      const everything = [run.stdout, run.stderr, fs.readFileSync(path.join(dir, 'bad-token.log'), 'utf8')].join('\n');
      for (const secret of [wrong, TOKEN]) expect(everything).not.to.include(secret);
      expect(fake.rejectedTokens).to.equal(1);
    } finally {
      await fake.stop();
    }
  });

  it('refuses, before any query, a 31st unique hashtag within 7 days (exit 3)', async () => {
    const budgetFile = path.join(dir, 'full-budget.json');
    const now = Date.now();
    fs.writeFileSync(
      budgetFile,
      JSON.stringify({
        accounts: {
          [USER_ID]: Array.from({ length: 30 }, (_, i) => ({
            hashtag: `tag${i}`,
            firstQueriedAtMs: now - i * 3_600_000,
          })),
        },
      }),
    );
    const fake = new FakeInstagramGraphServer(TOKEN, USER_ID, '1', [[]]);
    await fake.start();
    try {
      const run = await runCollectCli(
        [
          '--source',
          'instagram',
          '--hashtag',
          'ZBE',
          '--stream',
          'collect-ig',
          '--duration',
          '5',
          '--budget-file',
          budgetFile,
          '--log-file',
          path.join(dir, 'refused.log'),
        ],
        {
          INSTAGRAM_ACCESS_TOKEN: TOKEN,
          INSTAGRAM_USER_ID: USER_ID,
          INSTAGRAM_GRAPH_BASE_URL: fake.graphBaseUrl,
          AWS_ENDPOINT_URL_KINESIS: standIn.emulator.endpoint,
        },
      );
      expect(run.code).to.equal(3);
      expect(run.stderr).to.match(/30 unique hashtags per 7 days/);
      expect(fake.hashtagSearches).to.deep.equal([]);
    } finally {
      await fake.stop();
    }
  });
});
