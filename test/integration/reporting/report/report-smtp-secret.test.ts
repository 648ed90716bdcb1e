// The real `report --send` process with an SMTP password holding `/` and `@` (issue 25 item 11): the server gets it, stderr and the log file never hold it.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../../common/repo-root';
import { freePort } from '../../../../common/process/service-process';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { createPostsTable } from '../posts-table';

const PASSWORD = 'pa/ss@w0rd:9#';
const USER = 'reports';

/** A minimal SMTP server offering AUTH PLAIN; keeps every command line it received. */
async function smtpServer(): Promise<{ port: number; lines: string[]; close(): void }> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    socket.on('error', () => undefined);
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
        lines.push(line);
        if (/^EHLO/i.test(line)) socket.write('250-test\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (/^AUTH/i.test(line)) socket.write('235 2.7.0 accepted\r\n');
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
  return { port: (server.address() as net.AddressInfo).port, lines, close: () => server.close() };
}

describe('report --send: an SMTP password with / and @ never reaches the log or stderr', function () {
  this.timeout(90_000);
  let standIns: SinkStandIns;
  let dir: string;

  /** Runs the built CLI as `npm run report` does; resolves with its exit code, stderr and log file text. */
  const runReport = async (
    week: string,
    env: Record<string, string>,
  ): Promise<{ code: number | null; stderr: string; log: string }> => {
    const logFile = path.join(dir, `report-${week}.log`);
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'dist', 'scripts', 'report.js'), '--send', '--week', week],
      {
        env: {
          PATH: process.env.PATH ?? '',
          REDSHIFT_URL: standIns.postgresUrl,
          REDSHIFT_TLS: 'false',
          ENDPOINTS_FILE: path.join(dir, 'none.json'),
          REPORT_TIME_ZONE: 'UTC',
          REPORT_TO: 'policy@example.org',
          REPORT_FROM: 'reports@example.org',
          REPORT_TRANSPORT: 'smtp',
          REPORT_LOG_FILE: logFile,
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, stderr, log: fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '' };
  };
  const expectNoSecret = (text: string): void => {
    for (const fragment of [PASSWORD, 'pa/ss', 'w0rd', encodeURIComponent(PASSWORD)])
      expect(text).to.not.contain(fragment);
  };

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-smtp-'));
    await createPostsTable(standIns.postgresUrl);
  });
  after(async () => {
    await standIns?.stop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('pasted into REPORT_SMTP_URL: the server authenticates with it, the log and stderr hold none of it', async () => {
    const server = await smtpServer();
    try {
      const run = await runReport('2026-W40', {
        REPORT_SMTP_URL: `smtp://${USER}:${PASSWORD}@127.0.0.1:${server.port}`,
      });
      expect(run.code, run.stderr).to.equal(0);
      const auth = server.lines.find((l) => /^AUTH PLAIN/i.test(l));
      expect(Buffer.from(auth?.split(' ')[2] ?? '', 'base64').toString('utf8')).to.equal(`\0${USER}\0${PASSWORD}`);
      expectNoSecret(run.stderr);
      expectNoSecret(run.log);
      expect(run.log).to.contain('weekly report sent');
    } finally {
      server.close();
    }
  });

  it('in REPORT_SMTP_USER and REPORT_SMTP_PASSWORD: the same, and an unreachable server fails without showing it', async () => {
    const server = await smtpServer();
    try {
      const env = { REPORT_SMTP_USER: USER, REPORT_SMTP_PASSWORD: PASSWORD };
      const sent = await runReport('2026-W41', { ...env, REPORT_SMTP_URL: `smtp://127.0.0.1:${server.port}` });
      expect(sent.code, sent.stderr).to.equal(0);
      expect(server.lines.some((l) => /^AUTH PLAIN/i.test(l))).to.equal(true);
      expectNoSecret(sent.stderr + sent.log);
    } finally {
      server.close();
    }
    const closed = await freePort();
    const failed = await runReport('2026-W42', {
      REPORT_SMTP_URL: `smtp://${USER}:${PASSWORD}@127.0.0.1:${closed}`,
    });
    expect(failed.code).to.equal(1);
    expect(failed.stderr).to.contain('SMTP delivery failed');
    expectNoSecret(failed.stderr + failed.log);
  });
});
