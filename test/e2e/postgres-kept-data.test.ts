// The PostgreSQL stand-in of `npm start` keeps its data across restarts, even when the previous run was hard-killed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { startPostgres, type RunningPostgres } from '../../local/stand-ins/postgres-server';
import { freePort, isAlive } from '../../common/process/service-process';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('postgres stand-in with keepData (npm start)', function () {
  this.timeout(120_000);
  const started: RunningPostgres[] = [];
  let directory = '';

  before(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-kept-'));
    fs.chmodSync(directory, 0o711);
  });
  after(async () => {
    for (const server of started) await server.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('reuses the cluster after a clean stop and after a hard-killed run, stopping the stale server by PID', async () => {
    const folder = path.join(directory, 'pg');
    const first = await startPostgres({ port: await freePort(), directory: folder, database: 'sinks', keepData: true });
    started.push(first);
    await query(first.url, 'CREATE TABLE kept (x INTEGER)');
    await query(first.url, 'INSERT INTO kept VALUES (1)');
    await first.stop();

    const second = await startPostgres({
      port: await freePort(),
      directory: folder,
      database: 'sinks',
      keepData: true,
    });
    started.push(second);
    expect(second.url, 'same credentials').to.equal(first.url.replace(/:\d+\//, `:${new URL(second.url).port}/`));
    await query(second.url, 'INSERT INTO kept VALUES (2)');
    // The parent "dies" without stop(): the next start must stop the orphan and still keep its rows.
    const third = await startPostgres({ port: await freePort(), directory: folder, database: 'sinks', keepData: true });
    started.push(third);
    expect(isAlive(second.pid), 'the orphaned server was stopped').to.equal(false);
    expect(await query(third.url, 'SELECT x FROM kept ORDER BY x')).to.deep.equal([{ x: 1 }, { x: 2 }]);
  });
});
