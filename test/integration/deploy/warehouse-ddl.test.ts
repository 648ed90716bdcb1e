// The DDL custom resource's work against the real PostgreSQL stand-in: the consumer's tables and indexes, a reader that can only SELECT, the rollup writer's login.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../common/process/service-process';
import { POSTGRESQL } from '../../../consumer/sinks/redshift/sql-dialect';
import { applyWarehouseDdl } from '../../../deploy/lib/warehouse-ddl-handler';
import {
  DASHBOARD_READ_TABLES,
  DASHBOARD_READER,
  readerGrantStatements,
  ROLLUP_WRITER,
  warehouseStatements,
  writerGrantStatements,
} from '../../../deploy/lib/warehouse-ddl-sql';
import { startPostgres, type RunningPostgres } from '../../../local/stand-ins/postgres-server';

const PROPERTIES = {
  Engine: 'postgresql' as const,
  Sqls: warehouseStatements(POSTGRESQL),
  Grants: [
    ...readerGrantStatements(DASHBOARD_READER, DASHBOARD_READ_TABLES),
    ...writerGrantStatements(ROLLUP_WRITER, DASHBOARD_READ_TABLES),
  ],
};

/** The two logins the stack creates, the reader with `readerPassword`. */
const logins = (readerPassword: string): { user: string; password: string }[] => [
  { user: DASHBOARD_READER, password: readerPassword },
  { user: ROLLUP_WRITER, password: 'Writer1Password' },
];

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(client: Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return 'ok';
  } catch (error: unknown) {
    return String((error as { code?: unknown }).code);
  }
}

describe('warehouse DDL function on PostgreSQL (the local stand-in)', function () {
  this.timeout(120_000);
  let directory: string;
  let postgres: RunningPostgres;
  let readerUrl: (password: string) => string;

  before(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'warehouse-ddl-'));
    // The stand-in runs as the postgres user when we are root: it must reach the folder.
    fs.chmodSync(directory, 0o755);
    postgres = await startPostgres({ port: await freePort(), directory, database: 'sentiment' });
    readerUrl = (password) => {
      const url = new URL(postgres.url);
      url.username = DASHBOARD_READER;
      url.password = password;
      return url.toString();
    };
  });
  after(async () => {
    await postgres?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it("creates the consumer's tables and key indexes and a reader that can SELECT posts and nothing else", async () => {
    await withClient(postgres.url, (admin) => applyWarehouseDdl(admin, PROPERTIES, logins('Reader1Password')));
    const indexes = await withClient(postgres.url, async (admin) =>
      (
        await admin.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
      ).rows.map((r) => r.indexname),
    );
    expect(indexes).to.include('post_sentiment_identity_idx').and.include('post_sentiment_business_idx');
    await withClient(readerUrl('Reader1Password'), async (reader) => {
      expect(await outcome(reader, 'SELECT count(*) FROM public.post_sentiment')).to.equal('ok');
      expect(
        await outcome(
          reader,
          "INSERT INTO public.post_sentiment (shard_id, sequence_number, sub_sequence_number, arrival_time, text_truncated) VALUES ('s', '1', 0, now(), false)",
        ),
      ).to.equal('42501');
      expect(await outcome(reader, 'DELETE FROM public.post_sentiment')).to.equal('42501');
      expect(await outcome(reader, 'SELECT count(*) FROM public.vehicle_readings')).to.equal('42501');
      expect(await outcome(reader, 'CREATE TABLE public.mine (x INTEGER)')).to.equal('42501');
    });
  });

  it('runs again on update without failing, and takes the new password (the old one stops working)', async () => {
    await withClient(postgres.url, (admin) => applyWarehouseDdl(admin, PROPERTIES, logins('Reader2Password')));
    await withClient(readerUrl('Reader2Password'), async (reader) => {
      expect(await outcome(reader, 'SELECT count(*) FROM public.post_sentiment')).to.equal('ok');
    });
    let refused = false;
    await withClient(readerUrl('Reader1Password'), () => Promise.resolve()).catch(() => {
      refused = true;
    });
    expect(refused).to.equal(true);
  });

  it('keeps a password with quotes a literal (the driver escapes it)', async () => {
    await withClient(postgres.url, (admin) => applyWarehouseDdl(admin, PROPERTIES, logins("it's; DROP TABLE x; --")));
    await withClient(readerUrl("it's; DROP TABLE x; --"), async (reader) => {
      expect(await outcome(reader, 'SELECT 1')).to.equal('ok');
    });
  });
});
