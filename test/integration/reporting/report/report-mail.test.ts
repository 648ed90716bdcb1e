// `npm run report -- --send` against the real PostgreSQL stand-in: the mail parsed back (mailparser), the ledger's exactly-once, failures leave the week unsent.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { NullLogger } from '../../../../common/logger';
import { REPORTING_EXIT } from '../../../../reporting/reporting-errors';
import { runReportCli } from '../../../../reporting/report/report-cli';
import { PgReportLedger } from '../../../../reporting/report/report-ledger';
import { readPostsSource } from '../../../../reporting/posts/posts-source';
import { ConfigReader } from '../../../../common/config/config-reader';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { freePort } from '../../../../common/process/service-process';
import { createPostsTable, insertPosts } from '../posts-table';
import { FakeSesV2Server } from '../../../fakes/fake-sesv2-server';

const NOW = Date.UTC(2026, 10, 23, 9, 0, 0); // Monday 2026-11-23: the default week is 2026-W47

describe('weekly report mail (report --send) on PostgreSQL', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;
  let dir: string;
  let outbox: string;
  const out: string[] = [];
  const errors: string[] = [];
  const deps = (env: Record<string, string> = {}) => ({
    env: {
      REDSHIFT_URL: standIns.postgresUrl,
      REDSHIFT_TLS: 'false',
      ENDPOINTS_FILE: path.join(dir, 'none.json'),
      REPORT_TIME_ZONE: 'Europe/Madrid',
      REPORT_OUTBOX: outbox,
      REPORT_TO: 'policy@example.org, mayor@example.org',
      REPORT_FROM: 'reports@example.org',
      ...env,
    },
    print: (t: string) => out.push(t),
    printError: (t: string) => errors.push(t),
    logger: new NullLogger(),
    now: () => NOW,
  });
  const emls = (): string[] =>
    fs.existsSync(outbox)
      ? fs
          .readdirSync(outbox)
          .filter((f) => f.endsWith('.eml'))
          .sort()
      : [];
  const parse = async (file: string): Promise<ParsedMail> =>
    simpleParser(fs.readFileSync(path.join(outbox, file)), { keepCidLinks: true });
  const ledger = (): PgReportLedger =>
    new PgReportLedger(
      readPostsSource(
        new ConfigReader('t', [
          { REDSHIFT_URL: standIns.postgresUrl, REDSHIFT_TLS: 'false', ENDPOINTS_FILE: path.join(dir, 'none.json') },
        ]),
      ),
    );

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-mail-'));
    outbox = path.join(dir, 'outbox');
    await createPostsTable(standIns.postgresUrl);
    await insertPosts(standIns.postgresUrl, [
      // Sunday 23:30 UTC is Monday 00:30 in Madrid: a Monday post of W47, not a Sunday post of W46.
      { atMs: Date.UTC(2026, 10, 15, 23, 30), label: 'NEGATIVE', text: 'monday in madrid' },
      { atMs: Date.UTC(2026, 10, 17, 9), label: 'POSITIVE' },
      { atMs: Date.UTC(2026, 10, 17, 12), label: 'NEGATIVE', text: '<script>alert(1)</script> fines again' },
      // Sunday 23:30 UTC on the 22nd is Monday the 23rd in Madrid: outside W47.
      { atMs: Date.UTC(2026, 10, 22, 23, 30), label: 'POSITIVE' },
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

  it('puts one complete mail in the outbox: subject with the week, text and HTML bodies, the chart as an inline PNG, the CSV attached', async () => {
    const code = await runReportCli(['--send', '--json'], deps());

    expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.ok);
    expect(JSON.parse(out[0]!)).to.include({ week: '2026-W47', outcome: 'sent', transport: 'outbox', posts: 3 });
    expect(emls()).to.have.length(1);
    const mail = await parse(emls()[0]!);
    expect(mail.subject).to.equal('Weekly sentiment report 2026-W47 (2026-11-16 to 2026-11-22)');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => a.address) : []).to.deep.equal([
      'policy@example.org',
      'mayor@example.org',
    ]);
    expect(mail.text).to.contain('Mon Nov 16').and.contain('days in Europe/Madrid');
    const png = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(png, 'an inline PNG').to.not.equal(undefined);
    expect(png!.content.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
    expect(mail.html).to.be.a('string');
    expect(mail.html as string)
      .to.contain(`cid:${png!.cid}`)
      .and.not.contain('<svg');
    const csv = mail.attachments.find((a) => a.filename === 'sentiment-2026-W47.csv');
    expect(csv?.content.toString('utf8').split('\r\n').slice(1, 3)).to.deep.equal([
      '2026-11-16,Mon,1,0,1,0,0,0,1,-0.7',
      '2026-11-17,Tue,2,1,1,0,0,0,0.5,0.075',
    ]);
  });

  it('sends a week once: a second --send does nothing, --force sends again', async () => {
    const before = emls().length;
    expect(await runReportCli(['--send'], deps())).to.equal(REPORTING_EXIT.ok);
    expect(out.join('\n')).to.contain('already sent');
    expect(emls()).to.have.length(before);

    expect(await runReportCli(['--send', '--force'], deps())).to.equal(REPORTING_EXIT.ok);
    expect(emls()).to.have.length(before + 1);
    expect((await ledger().entry('2026-W47'))?.sends).to.equal(2);
  });

  it('two senders at once send the week once', async () => {
    const results = await Promise.all([
      runReportCli(['--send', '--week', '2026-W45', '--json'], deps()),
      runReportCli(['--send', '--week', '2026-W45', '--json'], deps()),
    ]);
    expect(results).to.deep.equal([0, 0]);
    const outcomes = out.map((l) => (JSON.parse(l) as { outcome: string }).outcome).sort();
    expect(['already-sent', 'in-progress']).to.include(outcomes[0]);
    expect(outcomes[1]).to.equal('sent');
  });

  it('an unreachable SMTP server: exit 1, a message without the password, the week stays unsent and the next run sends it', async () => {
    const port = await freePort();
    const code = await runReportCli(
      ['--send', '--week', '2026-W46'],
      deps({ REPORT_TRANSPORT: 'smtp', REPORT_SMTP_URL: `smtp://reports:s3cr3t-pw@127.0.0.1:${port}` }),
    );

    expect(code).to.equal(REPORTING_EXIT.error);
    expect(errors.join('\n')).to.contain('SMTP delivery failed').and.not.contain('s3cr3t-pw');
    expect((await ledger().entry('2026-W46'))?.status).to.equal('failed');
    expect(await runReportCli(['--send', '--week', '2026-W46'], deps())).to.equal(REPORTING_EXIT.ok);
    expect((await ledger().entry('2026-W46'))?.status).to.equal('sent');
  });

  it('an SMTP server that answers: the raw message reaches it with the envelope recipients, and the outbox keeps a copy', async () => {
    const received: string[] = [];
    const server = net.createServer((socket) => {
      let data = false;
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        for (const line of chunk
          .toString('latin1')
          .split('\r\n')
          .filter((l) => l !== '')) {
          if (data) {
            if (line === '.') {
              data = false;
              socket.write('250 OK queued as T1\r\n');
            }
            continue;
          }
          received.push(line);
          if (/^EHLO/i.test(line)) socket.write('250 test\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go\r\n');
          } else if (/^QUIT/i.test(line)) {
            socket.write('221 bye\r\n');
            socket.end();
          } else socket.write('250 OK\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const before = emls().length;
    try {
      const code = await runReportCli(
        ['--send', '--week', '2026-W44'],
        deps({ REPORT_TRANSPORT: 'smtp', REPORT_SMTP_URL: `smtp://127.0.0.1:${port}` }),
      );
      expect(code, errors.join('\n')).to.equal(REPORTING_EXIT.ok);
    } finally {
      server.close();
    }
    expect(received.filter((l) => /^RCPT TO/i.test(l))).to.deep.equal([
      'RCPT TO:<policy@example.org>',
      'RCPT TO:<mayor@example.org>',
    ]);
    expect(emls()).to.have.length(before + 1);
  });

  it("SES v2: the raw message goes to SendEmail; a rejection exits 1 with SES's reason and leaves the week unsent", async () => {
    const ses = new FakeSesV2Server();
    await ses.start();
    process.env.AWS_ACCESS_KEY_ID ??= 'test';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
    const env = { REPORT_TRANSPORT: 'ses', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SESV2: ses.endpoint };
    try {
      expect(await runReportCli(['--send', '--week', '2026-W42'], deps(env))).to.equal(REPORTING_EXIT.error);
      expect(errors.join('\n')).to.contain('SES rejected the message').and.contain('not verified');
      expect((await ledger().entry('2026-W42'))?.status).to.equal('failed');

      ses.verified.add('reports@example.org');
      expect(await runReportCli(['--send', '--week', '2026-W42'], deps(env)), errors.join('\n')).to.equal(
        REPORTING_EXIT.ok,
      );
      expect(ses.sent).to.have.length(1);
      expect(ses.sent[0]!.to).to.deep.equal(['policy@example.org', 'mayor@example.org']);
      expect((await simpleParser(ses.sent[0]!.raw)).subject).to.contain('2026-W42');
      expect(await ledger().entry('2026-W42')).to.include({ status: 'sent', transport: 'ses' });
    } finally {
      await ses.stop();
    }
  });

  it('no recipients: exit 2 naming REPORT_TO, nothing sent', async () => {
    const before = emls().length;
    expect(
      await runReportCli(['--send', '--week', '2026-W43'], deps({ REPORT_TO: '', REPORT_TRANSPORT: 'ses' })),
    ).to.equal(REPORTING_EXIT.usage);
    expect(errors.join('\n')).to.contain('no recipients: set REPORT_TO');
    expect(emls()).to.have.length(before);
  });
});
