// The two logins around the dashboard's rollups on the real PostgreSQL stand-in: the dashboard's reader cannot write
// them (permission denied), the rollup writer refreshes them to the same rows as a refresher with every right, and the
// reader serves whole hours from them as far as the writer's saved state says.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { NullLogger } from '../../../common/logger';
import { freePort } from '../../../common/process/service-process';
import { dashboardRollupNames } from '../../../consumer/sinks/redshift/dashboard-rollups';
import { POSTGRESQL } from '../../../consumer/sinks/redshift/sql-dialect';
import { applyWarehouseDdl } from '../../../deploy/lib/warehouse-ddl-handler';
import {
  DASHBOARD_READ_TABLES,
  DASHBOARD_READER,
  DASHBOARD_ROLLUP_TABLES,
  POSTS_TABLE,
  readerGrantStatements,
  ROLLUP_WRITER,
  warehouseStatements,
  writerGrantStatements,
} from '../../../deploy/lib/warehouse-ddl-sql';
import { startPostgres, type RunningPostgres } from '../../../local/stand-ins/postgres-server';
import { PgQueryRunner } from '../../../reporting/posts/pg-query-runner';
import { PgSelectionReader } from '../../../reporting/posts/pg-selection-reader';
import type { PostsSource } from '../../../reporting/posts/posts-source';
import { HOUR_MS } from '../../../reporting/posts/rollup-queries';
import { RollupRefresher } from '../../../reporting/posts/rollup-refresher';
import { RollupStateReader } from '../../../reporting/posts/rollup-state-reader';
import { runRollupsCli, type RollupsSummary } from '../../../reporting/posts/rollups-cli';
import { REPORTING_EXIT } from '../../../reporting/reporting-errors';
import { insertPosts, type TestPost } from '../reporting/posts-table';

const PROPERTIES = {
  Engine: 'postgresql' as const,
  Sqls: warehouseStatements(POSTGRESQL),
  Grants: [
    ...readerGrantStatements(DASHBOARD_READER, DASHBOARD_READ_TABLES),
    ...writerGrantStatements(ROLLUP_WRITER, DASHBOARD_READ_TABLES),
  ],
};
const PASSWORDS = { [DASHBOARD_READER]: 'Reader1Password', [ROLLUP_WRITER]: 'Writer1Password' };
const LOGINS = Object.entries(PASSWORDS).map(([user, password]) => ({ user, password }));
const ROLLUPS = dashboardRollupNames(POSTS_TABLE);

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

/** Every rollup row, in a stable order (the state row without its time: each refresh stamps its own). */
async function snapshot(client: Client): Promise<Record<string, unknown[]>> {
  const all = async (table: string, columns: string): Promise<unknown[]> =>
    (await client.query(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`)).rows;
  return {
    hourly: await all(ROLLUPS.hourly, 'hour, label, source, lang, posts, score_sum, scored'),
    termsHourly: await all(ROLLUPS.termsHourly, 'hour, term, label, source, lang, posts'),
    termsDaily: await all(ROLLUPS.termsDaily, 'day, term, label, source, lang, posts'),
    state: await all(ROLLUPS.state, 'posts_table'),
  };
}

describe('rollup logins on PostgreSQL: the dashboard reads, the refresher writes', function () {
  this.timeout(120_000);
  let directory: string;
  let postgres: RunningPostgres;
  const urlOf = (user: keyof typeof PASSWORDS): string => {
    const url = new URL(postgres.url);
    url.username = user;
    url.password = PASSWORDS[user];
    return url.toString();
  };
  const sourceOf = (url: string): PostsSource => ({
    url,
    tls: { enabled: false, rejectUnauthorized: true },
    poolSize: 2,
    table: POSTS_TABLE,
    statementTimeoutMs: 10_000,
    origin: 'test',
    engine: 'postgresql',
  });
  const rollupsCli = async (url: string): Promise<{ code: number; out: string[] }> => {
    const out: string[] = [];
    const code = await runRollupsCli(['--once', '--json'], {
      env: { REDSHIFT_URL: url, REDSHIFT_TLS: 'false', ENDPOINTS_FILE: 'none' },
      print: (text) => out.push(text),
      printError: () => undefined,
      logger: new NullLogger(),
    });
    return { code, out };
  };

  before(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'rollup-roles-'));
    // The stand-in runs as the postgres user when we are root: it must reach the folder.
    fs.chmodSync(directory, 0o755);
    postgres = await startPostgres({ port: await freePort(), directory, database: 'sentiment' });
    await withClient(postgres.url, (admin) => applyWarehouseDdl(admin, PROPERTIES, LOGINS));
    // Six hours of posts, one every ten minutes, ending a minute ago.
    const now = Date.now();
    const labels = ['NEGATIVE', 'POSITIVE', 'NEUTRAL', null] as const;
    const posts: TestPost[] = Array.from({ length: 36 }, (_, i) => ({
      atMs: now - 60_000 - i * 600_000,
      label: labels[i % labels.length] ?? null,
      text: i % 2 === 0 ? 'the metro is late again' : 'the new bike lane is great',
    }));
    await insertPosts(postgres.url, posts);
  });
  after(async () => {
    await postgres?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('takes back the write grants an older deployment gave the dashboard reader on the rollups', async () => {
    const privileges = (client: Client, user: string) =>
      client.query<{ t: string; p: string; ok: boolean }>(
        `SELECT t, p, has_table_privilege($1, t, p) AS ok FROM unnest($2::text[]) t, unnest(ARRAY['SELECT','INSERT','UPDATE','DELETE','TRUNCATE']) p ORDER BY t COLLATE "C", p COLLATE "C"`,
        [user, [...DASHBOARD_ROLLUP_TABLES]],
      );
    await withClient(postgres.url, async (admin) => {
      for (const table of DASHBOARD_ROLLUP_TABLES)
        await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE ${table} TO ${DASHBOARD_READER}`);
      await applyWarehouseDdl(admin, PROPERTIES, LOGINS);
      const reader = (await privileges(admin, DASHBOARD_READER)).rows;
      expect(reader.filter((r) => r.ok).map((r) => r.p)).to.deep.equal(DASHBOARD_ROLLUP_TABLES.map(() => 'SELECT'));
      const writer = (await privileges(admin, ROLLUP_WRITER)).rows;
      expect(writer.filter((r) => r.ok).map((r) => `${r.t} ${r.p}`)).to.deep.equal(
        [...DASHBOARD_ROLLUP_TABLES].sort().flatMap((t) => [`${t} DELETE`, `${t} INSERT`, `${t} SELECT`]),
      );
    });
  });

  it('refuses the dashboard reader every rollup write: the refresher run as the reader fails with permission denied', async () => {
    await withClient(urlOf(DASHBOARD_READER), async (reader) => {
      expect(await outcome(reader, `SELECT count(*) FROM ${ROLLUPS.hourly}`)).to.equal('ok');
      expect(
        await outcome(
          reader,
          `INSERT INTO ${ROLLUPS.hourly} (hour, label, posts, scored) VALUES (TIMESTAMP '2026-12-06 10:00', 'NEGATIVE', 1, 0)`,
        ),
      ).to.equal('42501');
      expect(await outcome(reader, `DELETE FROM ${ROLLUPS.termsHourly}`)).to.equal('42501');
      expect(await outcome(reader, `DELETE FROM ${ROLLUPS.termsDaily}`)).to.equal('42501');
      expect(await outcome(reader, `UPDATE ${ROLLUPS.state} SET loaded_through = now()`)).to.equal('42501');
    });
    const run = await rollupsCli(urlOf(DASHBOARD_READER));
    expect(run.code).to.equal(REPORTING_EXIT.error);
    expect(run.out).to.have.length(1);
    expect((JSON.parse(run.out[0] ?? '{}') as { error: string }).error).to.match(/permission denied/);
    await withClient(postgres.url, async (admin) => {
      expect((await admin.query(`SELECT count(*)::int AS n FROM ${ROLLUPS.hourly}`)).rows[0]).to.deep.equal({ n: 0 });
    });
  });

  it('lets the rollup writer refresh them (and nothing else), to the same rows a refresher with every right makes', async () => {
    const run = await rollupsCli(urlOf(ROLLUP_WRITER));
    expect(run.code).to.equal(REPORTING_EXIT.ok);
    const summary = JSON.parse(run.out[0] ?? '{}') as RollupsSummary;
    expect(summary.table).to.equal(POSTS_TABLE);
    expect(summary.hours).to.be.within(6, 7);
    expect(summary.loadedThrough).to.be.a('string');
    const byWriter = await withClient(postgres.url, snapshot);
    expect(byWriter.hourly).to.have.length.greaterThan(0);
    expect(byWriter.termsDaily).to.have.length.greaterThan(0);

    await withClient(urlOf(ROLLUP_WRITER), async (writer) => {
      expect(
        await outcome(
          writer,
          `INSERT INTO ${POSTS_TABLE} (shard_id, sequence_number, sub_sequence_number, arrival_time, text_truncated) VALUES ('s', '1', 0, now(), false)`,
        ),
      ).to.equal('42501');
      expect(await outcome(writer, `DELETE FROM ${POSTS_TABLE}`)).to.equal('42501');
      expect(await outcome(writer, 'SELECT count(*) FROM public.vehicle_readings')).to.equal('42501');
      expect(await outcome(writer, 'CREATE TABLE public.mine (x INTEGER)')).to.equal('42501');
    });

    // As before the split: the same refresher with the admin's rights (the dashboard's old in-process refresh).
    await withClient(postgres.url, async (admin) => {
      for (const table of DASHBOARD_ROLLUP_TABLES) await admin.query(`DELETE FROM ${table}`);
    });
    const runner = new PgQueryRunner(sourceOf(postgres.url), new NullLogger());
    try {
      expect((await new RollupRefresher(runner, POSTS_TABLE, 'postgresql', new NullLogger()).refresh()).hours).to.equal(
        summary.hours,
      );
    } finally {
      await runner.close();
    }
    expect(await withClient(postgres.url, snapshot)).to.deep.equal(byWriter);
  });

  it("serves whole hours from the rollups to the reader as far as the writer's saved state reaches", async () => {
    const runner = new PgQueryRunner(sourceOf(urlOf(DASHBOARD_READER)), new NullLogger());
    try {
      const state = new RollupStateReader(runner, POSTS_TABLE);
      const loadedThrough = (
        await withClient(postgres.url, (admin) =>
          admin.query<{ ms: number }>(
            `SELECT (EXTRACT(EPOCH FROM loaded_through) * 1000)::float8 AS ms FROM ${ROLLUPS.state}`,
          ),
        )
      ).rows[0]?.ms;
      expect(await state.poll()).to.equal(Math.floor((loadedThrough ?? 0) / HOUR_MS) * HOUR_MS);
      const toMs = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const selection = { fromMs: toMs - 6 * HOUR_MS, toMs };
      const total = async (reader: PgSelectionReader): Promise<number> =>
        (await reader.counts(selection, 'hour')).reduce((sum, c) => sum + c.posts, 0);
      const posts = new PgSelectionReader(runner, sourceOf(urlOf(DASHBOARD_READER)));
      const rolled = new PgSelectionReader(runner, sourceOf(urlOf(DASHBOARD_READER)), state);
      const fromPosts = await total(posts);
      expect(fromPosts).to.be.greaterThan(0);
      expect(await total(rolled)).to.equal(fromPosts);
      // The rollups really answer: a row changed there shows through the covered reader only.
      await withClient(postgres.url, (admin) => admin.query(`UPDATE ${ROLLUPS.hourly} SET posts = posts + 1000`));
      expect(await total(posts)).to.equal(fromPosts);
      expect(await total(rolled)).to.be.greaterThan(fromPosts + 999);
    } finally {
      await runner.close();
    }
  });
});
