// `report --send` opens its ledger through the one pg factory (issue 25 item 10): the private CA of REDSHIFT_TLS_CA_FILE verifies the server, and REDSHIFT_STATEMENT_TIMEOUT_MS bounds a claim blocked on the ledger's lock.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { Client } from 'pg';
import { NullLogger } from '../../../../common/logger';
import { REPORTING_EXIT } from '../../../../reporting/reporting-errors';
import { runReportCli } from '../../../../reporting/report/report-cli';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';
import { createPostsTable } from '../posts-table';

/** PostgreSQL's SSLRequest: length 8, code 80877103 (protocol docs, "SSL Session Encryption"). */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A private CA and a server certificate for 127.0.0.1 signed by it (openssl CLI). */
function privateCa(dir: string): { caFile: string; key: Buffer; cert: Buffer } {
  const file = (name: string): string => path.join(dir, name);
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  run(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Test Private CA'],
    ...['-keyout', file('ca.key'), '-out', file('ca.pem')],
  );
  run(
    ...['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1'],
    ...['-keyout', file('server.key'), '-out', file('server.csr')],
  );
  fs.writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    ...['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key')],
    ...['-CAcreateserial', '-days', '2', '-extfile', file('san.ext'), '-out', file('server.pem')],
  );
  return {
    caFile: file('ca.pem'),
    key: fs.readFileSync(file('server.key')),
    cert: fs.readFileSync(file('server.pem')),
  };
}

/** Answers PostgreSQL's SSLRequest with 'S' and completes a TLS handshake with `cert`; counts the handshakes. */
async function tlsPostgresDoor(
  key: Buffer,
  cert: Buffer,
): Promise<{ port: number; handshakes: () => number; close(): void }> {
  let handshakes = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', (first) => {
      if (!first.subarray(0, 8).equals(SSL_REQUEST)) return socket.destroy();
      socket.write('S');
      const secure = new tls.TLSSocket(socket, { isServer: true, key, cert });
      secure.on('error', () => undefined);
      secure.on('secure', () => {
        handshakes += 1;
        secure.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    handshakes: () => handshakes,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

describe('report --send: the ledger connection comes from the one pg factory', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;
  let dir: string;
  const errors: string[] = [];
  const deps = (env: Record<string, string>) => ({
    env: {
      ENDPOINTS_FILE: path.join(dir, 'none.json'),
      REPORT_TIME_ZONE: 'UTC',
      REPORT_OUTBOX: path.join(dir, 'outbox'),
      REPORT_TO: 'policy@example.org',
      REPORT_FROM: 'reports@example.org',
      ...env,
    },
    print: () => undefined,
    printError: (t: string) => errors.push(t),
    logger: new NullLogger(),
    now: () => Date.UTC(2026, 10, 23, 9),
  });

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-ledger-'));
    await createPostsTable(standIns.postgresUrl);
  });
  beforeEach(() => {
    errors.length = 0;
  });
  after(async () => {
    await standIns?.stop();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('verifies the server with REDSHIFT_TLS_CA_FILE (a private CA): the TLS handshake completes only with it', async () => {
    const ca = privateCa(dir);
    const door = await tlsPostgresDoor(ca.key, ca.cert);
    try {
      const env = { REDSHIFT_URL: `postgres://reports@127.0.0.1:${door.port}/dev`, REDSHIFT_TLS: 'true' };
      // Without the CA the certificate is untrusted: no handshake completes.
      expect(await runReportCli(['--send'], deps(env))).to.equal(REPORTING_EXIT.error);
      expect(door.handshakes()).to.equal(0);
      expect(errors.join('\n')).to.match(/certificate/i);
      // With it, the ledger's connection (the first one --send opens) trusts the server.
      expect(await runReportCli(['--send'], deps({ ...env, REDSHIFT_TLS_CA_FILE: ca.caFile }))).to.equal(
        REPORTING_EXIT.error,
      );
      expect(door.handshakes()).to.be.greaterThan(0);
    } finally {
      door.close();
    }
  });

  it('an unreadable REDSHIFT_TLS_CA_FILE fails the send with its path, before any mail', async () => {
    const missing = path.join(dir, 'no-such-ca.pem');
    const code = await runReportCli(
      ['--send'],
      deps({ REDSHIFT_URL: standIns.postgresUrl, REDSHIFT_TLS: 'false', REDSHIFT_TLS_CA_FILE: missing }),
    );
    expect(code).to.equal(REPORTING_EXIT.error);
    expect(errors.join('\n')).to.contain('no-such-ca.pem');
    expect(fs.existsSync(path.join(dir, 'outbox'))).to.equal(false);
  });

  it('a claim blocked on the ledger lock fails after REDSHIFT_STATEMENT_TIMEOUT_MS instead of hanging', async () => {
    const env = { REDSHIFT_URL: standIns.postgresUrl, REDSHIFT_TLS: 'false', REDSHIFT_STATEMENT_TIMEOUT_MS: '1000' };
    // A first send creates the ledger table; then another session holds its lock.
    expect(await runReportCli(['--send', '--week', '2026-W40'], deps(env)), errors.join('\n')).to.equal(
      REPORTING_EXIT.ok,
    );
    const holder = new Client({ connectionString: standIns.postgresUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK public.report_ledger');
      const code = await runReportCli(['--send', '--week', '2026-W41'], deps(env));
      expect(code).to.equal(REPORTING_EXIT.error);
      expect(errors.join('\n')).to.match(/statement timeout/i);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  });
});
