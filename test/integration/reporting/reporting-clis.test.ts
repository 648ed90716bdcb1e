// The three people commands end to end against the real PostgreSQL stand-in: report files, an alert line, the dashboard's JSON.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NullLogger } from '../../../common/logger';
import { runAlertCli } from '../../../reporting/alerts/alert-cli';
import { runDashboardCli } from '../../../reporting/dashboard/dashboard-cli';
import { REPORTING_EXIT } from '../../../reporting/reporting-errors';
import { runReportCli } from '../../../reporting/report/report-cli';
import { startSinkStandIns, type SinkStandIns } from '../../support/stand-ins-sinks';
import { FakeSnsServer } from '../../fakes/fake-sns-server';
import { createPostsTable, insertPosts } from './posts-table';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 23, 6, 0, 0); // Monday morning: the default report week is 2026-W47

describe('people CLIs on PostgreSQL', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;
  let dir: string;
  const out: string[] = [];
  const errors: string[] = [];
  const deps = (env: Record<string, string> = {}) => ({
    env: {
      REDSHIFT_URL: standIns.postgresUrl,
      REDSHIFT_TLS: 'false',
      ENDPOINTS_FILE: path.join(dir, 'none.json'),
      REPORT_TIME_ZONE: 'UTC',
      ...env,
    },
    print: (t: string) => out.push(t),
    printError: (t: string) => errors.push(t),
    logger: new NullLogger(),
    now: () => NOW,
  });

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'people-clis-'));
    await createPostsTable(standIns.postgresUrl);
    await insertPosts(standIns.postgresUrl, [
      { atMs: Date.UTC(2026, 10, 17, 9), label: 'POSITIVE', hashtags: ['transitpolicy'] },
      { atMs: Date.UTC(2026, 10, 17, 12), label: 'NEGATIVE', hashtags: ['transitpolicy'] },
      { atMs: Date.UTC(2026, 10, 21, 8), label: 'NEUTRAL', hashtags: ['transitpolicy', 'fares'] },
      ...[8, 7, 6, 4].map((m) => ({
        atMs: NOW - m * MIN,
        label: 'NEGATIVE' as const,
        hashtags: ['#TransitPolicy', 'fares'],
        text: `late again ${m}`,
      })),
      { atMs: NOW - 2 * MIN, label: 'POSITIVE' as const, hashtags: ['transitpolicy'] },
    ]);
  });
  beforeEach(() => {
    out.length = 0;
    errors.length = 0;
  });
  after(async () => {
    await standIns?.stop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('report: writes the previous week as HTML and CSV and prints the figures with --json', async () => {
    const code = await runReportCli(['--out', dir, '--json'], deps());

    expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.ok);
    const printed = JSON.parse(out.join('\n')) as {
      week: string;
      totals: { posts: number };
      files: { html: string; csv: string };
    };
    expect(printed.week).to.equal('2026-W47');
    expect(printed.totals.posts).to.equal(3);
    expect(fs.readFileSync(printed.files.csv, 'utf8')).to.contain('2026-11-17,Tue,2,1,1,0,0,0,0.5,');
    expect(fs.readFileSync(printed.files.html, 'utf8')).to.contain('<svg');
  });

  it('report: refuses a malformed week with exit code 2 and the usage', async () => {
    expect(await runReportCli(['--week', '2026-47'], deps())).to.equal(REPORTING_EXIT.usage);
    expect(errors.join('\n')).to.contain('--week must look like 2026-W47').and.contain('usage:');
  });

  it('alert --once: four negative posts within four minutes exit 3 and append one JSON line; the next run does not repeat it', async () => {
    const file = path.join(dir, 'alerts.jsonl');

    const args = ['--once', '--json', '--alerts-file', file, '--state-file', path.join(dir, 'alert-state.json')];

    const code = await runAlertCli(args, deps());
    const again = await runAlertCli(args, deps());

    expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.alerted);
    expect(again, 'the next run knows the burst was alerted').to.equal(REPORTING_EXIT.ok);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.include({
      kind: 'negative-burst',
      negativePosts: 4,
      windowStart: '2026-11-23T05:52:00.000Z',
      windowEnd: '2026-11-23T05:56:00.000Z',
    });
    const [first, second] = out.map((line) => JSON.parse(line) as { raised: boolean; alert?: unknown });
    expect(first).to.include({ raised: true });
    expect(first!.alert).to.deep.equal(JSON.parse(lines[0]!));
    expect(second, 'one JSON object even when nothing is raised')
      .to.include({ raised: false })
      .and.not.have.property('alert');
  });

  it('alert --once --json with the database unreachable: exit 1 and still one JSON object, without the password', async () => {
    const code = await runAlertCli(
      ['--once', '--json', '--alerts-file', 'none', '--topic-arn', 'arn:aws:sns:us-east-1:123456789012:t'],
      deps({ REDSHIFT_URL: 'postgres://u:hunter2@127.0.0.1:1/db' }),
    );
    expect(code).to.equal(REPORTING_EXIT.error);
    expect(out).to.have.length(1);
    expect(JSON.parse(out[0]!)).to.include({ raised: false, exitCode: 1 });
    expect(out[0]).to.not.contain('hunter2');
  });

  it('alert --once --topic-arn: publishes the alert to SNS at AWS_ENDPOINT_URL_SNS, through the real client', async () => {
    const sns = new FakeSnsServer();
    const topic = 'arn:aws:sns:us-east-1:123456789012:negative-bursts';
    sns.topics.add(topic);
    await sns.start();
    try {
      // The SDK reads credentials from the process environment (its default chain), as in production.
      process.env.AWS_ACCESS_KEY_ID ??= 'test';
      process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
      const code = await runAlertCli(
        ['--once', '--topic-arn', topic, '--alerts-file', 'none', '--state-file', 'none'],
        deps({ AWS_ENDPOINT_URL_SNS: sns.endpoint, AWS_REGION: 'us-east-1' }),
      );

      expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.alerted);
      expect(sns.published.map((m) => [m.topicArn, m.subject])).to.deep.equal([
        [topic, 'Negative burst: 4 negative posts within 5 min'],
      ]);
      expect(sns.published[0]!.message).to.contain('late again 4');
    } finally {
      await sns.stop();
    }
  });

  it('dashboard: serves /api/summary with per-minute counts, the negative share and the previous period', async () => {
    const stop = new AbortController();
    let url = '';
    const running = runDashboardCli(['--port', '0'], {
      ...deps(),
      signal: stop.signal,
      onListening: (u) => {
        url = u;
      },
    });
    while (url === '') await new Promise((r) => setTimeout(r, 20));
    try {
      const summary = (await (await fetch(`${url}api/summary?minutes=15`)).json()) as {
        totals: { posts: number; negativeShare: number };
        buckets: unknown[];
        previous: { totals: { posts: number } };
      };
      const page = await fetch(url);
      expect(summary.totals.posts).to.equal(5);
      expect(summary.totals.negativeShare).to.equal(0.8);
      expect(summary.buckets).to.have.length(15);
      expect(summary.previous.totals.posts).to.equal(0);
      const tagged = (await (await fetch(`${url}api/summary?minutes=15&hashtag=fares`)).json()) as {
        totals: { posts: number };
      };
      expect(tagged.totals.posts).to.equal(4);
      expect(page.headers.get('content-security-policy')).to.contain("default-src 'none'");
      // DASHBOARD_AUTH=none (the local default): nobody signed in, so the page offers no sign-out.
      expect(await page.text()).to.not.contain('id="sign-out"');
      expect((await fetch(`${url}api/summary?minutes=0`)).status).to.equal(400);
    } finally {
      stop.abort();
    }
    expect(await running).to.equal(REPORTING_EXIT.ok);
  });
});
