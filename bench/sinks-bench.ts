// Sink throughput on the local stand-ins: archive MB/s and objects/s into s3rver, rows/s through the keyed load into PostgreSQL.
import { NullLogger } from '../common/logger';
import { PgExecutor } from '../consumer/sinks/redshift/pg-executor';
import { RedshiftSink } from '../consumer/sinks/redshift/redshift-sink';
import { POSTGRESQL } from '../consumer/sinks/redshift/sql-dialect';
import * as fs from 'node:fs';
import { CuratedSink } from '../consumer/sinks/curated/curated-sink';
import { curatedSizeFigures } from './curated-size';
import { CORPUS } from './sentiment-bench';
import { S3ArchiveSink } from '../consumer/sinks/s3/s3-archive-sink';
import { S3ObjectStore } from '../consumer/sinks/s3/s3-object-store';
import type { Sink, SinkBatch } from '../consumer/sinks/sink';
import { cutIntoBatches, makeShardStream } from '../test/support/sink-batch-factory';
import { startSinkStandIns, type SinkStandIns } from '../test/support/stand-ins-sinks';
import { DEFAULT_BATCH_POLICY } from '../consumer/processor/batch-policy';
import type { Benchmark, BenchOptions } from './bench-section';

const RETRY = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 };
const BATCH_RECORDS = 500;

async function timed(sink: Sink, batches: readonly SinkBatch[]): Promise<number> {
  const started = process.hrtime.bigint();
  for (const batch of batches) await sink.write(batch);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function archive(standIns: SinkStandIns, prefix: string, gzip: boolean): S3ArchiveSink {
  const logger = new NullLogger();
  const store = new S3ObjectStore(standIns.s3, {
    bucket: standIns.bucket,
    sse: { mode: 'none' },
    retryPolicy: RETRY,
    logger,
  });
  return new S3ArchiveSink(store, {
    prefix,
    errorPrefix: `errors/${prefix}`,
    statePrefix: `state/${prefix}`,
    gzip,
    logger,
  });
}

/**
 * Records/s archived for clean, 4 % and 50 % dead-letter streams of `sample` records cut into `batchRecords` batches:
 * the three cases interleaved over `rounds` rounds, each the median, so load from other processes hits them alike
 * (one timed case is about half a second: a median of three swung by 0.1 between runs on a quiet machine).
 */
async function deadLetterRates(
  standIns: SinkStandIns,
  progress: (line: string) => void,
  sample: number,
  batchRecords: number,
  rounds: number,
  tag: string,
): Promise<Record<'clean' | '4pct' | '50pct', number>> {
  const cases = [
    ['clean', 0],
    ['4pct', 25],
    ['50pct', 2],
  ] as const;
  const rates: Record<string, number[]> = { clean: [], '4pct': [], '50pct': [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const [label, poisonEvery] of cases) {
      const shardId = `shardId-0000000${tag === 'dl' ? '1' : '2'}${String(round).padStart(2, '0')}${String(poisonEvery).padStart(2, '0')}`;
      const cut = cutIntoBatches(makeShardStream({ count: sample, perAggregate: 4, shardId, poisonEvery }), [
        batchRecords,
      ]);
      progress(
        `archive ${sample} records in ${batchRecords}-record batches, ${label} dead letters, round ${round + 1} of ${rounds}`,
      );
      rates[label].push(sample / (await timed(archive(standIns, `${tag}-${label}-${round}`, true), cut)));
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { clean: median(rates.clean), '4pct': median(rates['4pct']), '50pct': median(rates['50pct']) };
}

/**
 * The curated sink's cost: records/s of the sinks a consumer runs (archive and warehouse, each batch to all in
 * parallel as the processor delivers it) without and with the curated sink, in the default batch size, interleaved.
 */
async function curatedCost(
  standIns: SinkStandIns,
  db: Sink,
  progress: (line: string) => void,
  sample: number,
  rounds: number,
): Promise<Record<string, number>> {
  const store = new S3ObjectStore(standIns.s3, {
    bucket: standIns.bucket,
    sse: { mode: 'none' },
    retryPolicy: RETRY,
    logger: new NullLogger(),
  });
  const rates: Record<'alone' | 'without' | 'with', number[]> = { alone: [], without: [], with: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (const label of ['alone', 'without', 'with'] as const) {
      const shardId = `shardId-00000009${String(round).padStart(2, '0')}${label.length}`;
      const batches = cutIntoBatches(makeShardStream({ count: sample, perAggregate: 4, shardId, poisonEvery: 25 }), [
        DEFAULT_BATCH_POLICY.maxRecords,
      ]);
      const curated = new CuratedSink(store, {
        prefix: `curated-${round}`,
        statePrefix: `curated-state-${round}`,
        logger: new NullLogger(),
      });
      const sinks = {
        alone: [curated],
        without: [archive(standIns, `cc-${label}-${round}`, true), db],
        with: [archive(standIns, `cc-${label}-${round}`, true), db, curated],
      }[label];
      progress(
        `sinks ${sinks.map((sink) => sink.name).join(' + ')}: ${sample} records, round ${round + 1} of ${rounds}`,
      );
      const started = process.hrtime.bigint();
      for (const batch of batches) await Promise.all(sinks.map((sink) => sink.write(batch)));
      rates[label].push(sample / (Number(process.hrtime.bigint() - started) / 1e9));
    }
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    curatedAloneRecordsPerSec: median(rates.alone),
    archiveAndWarehouseRecordsPerSec: median(rates.without),
    archiveWarehouseAndCuratedRecordsPerSec: median(rates.with),
    curatedVsWithoutRatio: median(rates.with) / median(rates.without),
  };
}

export const benchmark: Benchmark = async ({ quick, progress }: BenchOptions) => {
  const records = quick ? 10_000 : 50_000;
  const standIns = await startSinkStandIns();
  try {
    const figures: Record<string, number> = {};
    for (const [shard, gzip] of [
      [1, true],
      [2, false],
    ] as const) {
      const items = makeShardStream({
        count: records,
        perAggregate: 4,
        shardId: `shardId-00000000000${shard}`,
        poisonEvery: 0,
      });
      const batches = cutIntoBatches(items, [BATCH_RECORDS]);
      const bytes = items.reduce((sum, item) => sum + item.decoded.record.data.length, 0);
      progress(
        `archive ${records} records (${(bytes / 1e6).toFixed(1)} MB) in ${batches.length} objects, gzip=${gzip}`,
      );
      const seconds = await timed(archive(standIns, gzip ? 'gz' : 'plain', gzip), batches);
      const tag = gzip ? 'Gzip' : 'Plain';
      figures[`archive${tag}MBPerSec`] = bytes / 1e6 / seconds;
      figures[`archive${tag}ObjectsPerSec`] = batches.length / seconds;
      figures[`archive${tag}RecordsPerSec`] = records / seconds;
    }
    // Dead-letter cost against a clean run of the same size and shape: at the bench's 500-record batches (the hard
    // case: a batch's one-object-per-reason PUTs weigh most) and at the consumer's default batch size.
    const small = await deadLetterRates(standIns, progress, records / 5, BATCH_RECORDS, 7, 'dl');
    figures.archiveCleanRecordsPerSec = small.clean;
    figures.archiveWith4PctDeadLettersRecordsPerSec = small['4pct'];
    figures.archiveWith50PctDeadLettersRecordsPerSec = small['50pct'];
    figures.deadLetters4PctVsCleanRatio = small['4pct'] / small.clean;
    figures.deadLetters50PctVsCleanRatio = small['50pct'] / small.clean;
    const large = await deadLetterRates(
      standIns,
      progress,
      (records * 2) / 5,
      DEFAULT_BATCH_POLICY.maxRecords,
      5,
      'dlx',
    );
    figures.deadLetters4PctVsCleanRatioAtDefaultBatch = large['4pct'] / large.clean;
    figures.deadLetters50PctVsCleanRatioAtDefaultBatch = large['50pct'] / large.clean;
    const executor = new PgExecutor({
      connectionString: standIns.postgresUrl,
      tls: { enabled: false },
      poolSize: 2,
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 60_000,
      logger: new NullLogger(),
    });
    const db = new RedshiftSink(executor, {
      dialect: POSTGRESQL,
      postsTable: 'post_sentiment',
      vehiclesTable: 'vehicle_readings',
      createTables: true,
      retryPolicy: RETRY,
      logger: new NullLogger(),
    });
    await db.ensureTables();
    const batches = cutIntoBatches(
      makeShardStream({ count: records, perAggregate: 4, shardId: 'shardId-000000000003', poisonEvery: 0 }),
      [BATCH_RECORDS],
    );
    const rows = batches.reduce((sum, batch) => sum + batch.posts.length + batch.vehicles.length, 0);
    progress(`load ${rows} rows into PostgreSQL, then load them again (the replay path deletes what it replaces)`);
    figures.loadNewRowsPerSec = rows / (await timed(db, batches));
    figures.loadReplayRowsPerSec = rows / (await timed(db, batches));
    Object.assign(figures, await curatedCost(standIns, db, progress, records / 2, 5));
    if (fs.existsSync(CORPUS)) Object.assign(figures, await curatedSizeFigures(BATCH_RECORDS, CORPUS));
    await db.close();
    return {
      section: 'sinks',
      figures,
      notes: [
        `${BATCH_RECORDS}-record batches of ~300-byte tweets, KPL aggregates of 4; each archive batch is 2 round trips (progress + dead letters in parallel, then the data object)`,
        'dead-letter figures: median of 7 interleaved rounds of 10k (quick: 2k) records in 500-record batches; 4% = every 25th record poison (2 reasons), 50% = every 2nd',
        `...AtDefaultBatch: the same in the consumer's default ${DEFAULT_BATCH_POLICY.maxRecords}-record batches (BATCH_MAX_RECORDS), median of 5 rounds of 20k (quick: 4k)`,
        'stand-ins: s3rver (filesystem) and PostgreSQL with fsync off, both on this machine; real S3/Redshift differ',
        'size*: the 4,200 human-rated tweets of shared/data/sentiment as archive gzip NDJSON and as curated Parquet, in 500-record objects and as one object (compacted)',
        `curated: the curated Parquet sink alone, and every sink of a consumer (archive + warehouse) writing each ${DEFAULT_BATCH_POLICY.maxRecords}-record batch in parallel without and with it; median of 5 interleaved rounds of 25k (quick: 5k) records`,
      ],
    };
  } finally {
    await standIns.stop();
  }
};
