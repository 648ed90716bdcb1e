// The stand-in launchers: real child processes on 127.0.0.1, stopped by PID, and a stale server from a hard-killed run cleared.
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPostgres } from '../../../../local/stand-ins/postgres-server';
import { startS3Emulator } from '../../../../local/stand-ins/s3-emulator';
import { freePort, isAlive } from '../../../../common/process/service-process';
import { s3ClientFor } from '../../../support/stand-ins-sinks';
import { query } from '../../consumer/sinks/sink-fixtures';

describe('stand-in launchers', function () {
  this.timeout(120_000);
  let directory: string;
  const started: { stop(): Promise<void> }[] = [];

  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-launchers-'));
    fs.chmodSync(directory, 0o755);
  });
  after(async () => {
    await Promise.all(started.map((service) => service.stop()));
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('starts s3rver with its buckets on 127.0.0.1 and stops it by PID', async () => {
    const s3 = await startS3Emulator({
      port: await freePort(),
      directory: path.join(directory, 's3'),
      buckets: ['one', 'two'],
    });
    started.push(s3);
    expect(s3.endpoint).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = s3ClientFor(s3.endpoint);
    const buckets = await client.send(new ListBucketsCommand({}));
    client.destroy();
    expect((buckets.Buckets ?? []).map((b) => b.Name)).to.include.members(['one', 'two']);
    await s3.stop();
    expect(isAlive(s3.pid)).to.equal(false);
  });

  it('stops the server a hard-killed run left on the same data folder, then starts afresh', async () => {
    const folder = path.join(directory, 'pg');
    const orphan = await startPostgres({ port: await freePort(), directory: folder, database: 'sinks' });
    started.push(orphan);
    await query(orphan.url, 'CREATE TABLE left_over (x INTEGER)');
    // The parent "dies" without stop(): the next start on the folder must deal with the running postmaster.
    const fresh = await startPostgres({ port: await freePort(), directory: folder, database: 'sinks' });
    started.push(fresh);
    expect(isAlive(orphan.pid)).to.equal(false);
    expect(
      await query(fresh.url, "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'left_over'"),
    ).to.deep.equal([{ n: 0 }]);
    await fresh.stop();
    expect(isAlive(fresh.pid)).to.equal(false);
  });
});
