// The keyed load's statements: their order, and chunking within pg's parameter limit and the Data API's statement size.
import { expect } from 'chai';
import { loadStatements } from '../../../../../consumer/sinks/redshift/load-plan';
import { ensureTableSql } from '../../../../../consumer/sinks/redshift/table-ddl';
import { postRow, sqlTimestamp } from '../../../../../consumer/sinks/redshift/row-mapper';
import { truncateUtf8 } from '../../../../../common/utf8-truncate';
import { POSTGRESQL, REDSHIFT } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { postTable, vehicleTable } from '../../../../../consumer/sinks/redshift/table-spec';
import { makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';

const table = postTable('public.post_sentiment');
const rows = toSinkBatch(makeShardStream({ count: 2_000 })).posts.map(postRow);

describe('loadStatements', () => {
  it('stages, deletes by the record key and then by the business key, inserts one row per business key and drops, in that order', () => {
    const texts = loadStatements(REDSHIFT, table, rows.slice(0, 3), 'parameters').map((s) => s.text);
    expect(texts[0]).to.equal('CREATE TEMP TABLE stage_post_sentiment (LIKE public.post_sentiment INCLUDING DEFAULTS)');
    expect(texts[1]).to.match(/^INSERT INTO stage_post_sentiment \(shard_id, .*\) VALUES \(\$1, .*JSON_PARSE\(\$11\)/);
    expect(texts[2]).to.equal(
      'DELETE FROM public.post_sentiment USING stage_post_sentiment WHERE public.post_sentiment.shard_id = stage_post_sentiment.shard_id' +
        ' AND public.post_sentiment.sequence_number = stage_post_sentiment.sequence_number AND public.post_sentiment.sub_sequence_number = stage_post_sentiment.sub_sequence_number',
    );
    expect(texts[3]).to.equal(
      'DELETE FROM public.post_sentiment USING stage_post_sentiment WHERE public.post_sentiment.source = stage_post_sentiment.source' +
        ' AND public.post_sentiment.post_id = stage_post_sentiment.post_id',
      'two equi-joins: an OR join cannot hash or use an index',
    );
    expect(texts[4]).to.match(
      /^INSERT INTO public\.post_sentiment \(.*\) SELECT .* FROM \(SELECT .*ROW_NUMBER\(\) OVER \(PARTITION BY source, post_id ORDER BY shard_id, sequence_number, sub_sequence_number\) AS business_rank FROM stage_post_sentiment\) ranked WHERE business_rank = 1 OR source IS NULL OR post_id IS NULL$/,
    );
    expect(texts[5]).to.equal('DROP TABLE stage_post_sentiment');
  });

  it('on PostgreSQL locks the table before the keyed delete, so two shards cannot insert one business key at once', () => {
    const texts = loadStatements(POSTGRESQL, table, rows.slice(0, 3), 'parameters').map((s) => s.text);
    expect(texts[2]).to.equal('LOCK TABLE public.post_sentiment IN SHARE ROW EXCLUSIVE MODE');
    expect(texts[3]).to.match(/^DELETE FROM public\.post_sentiment USING/);
  });

  it('keys a table without a business key by record identity only', () => {
    const texts = loadStatements(POSTGRESQL, vehicleTable('public.vehicle_readings'), [], 'parameters');
    expect(texts).to.deep.equal([]);
    const vehicles = loadStatements(
      POSTGRESQL,
      vehicleTable('public.vehicle_readings'),
      [['s', '1', 0, 'r', 'v', null, 1, 2, 3, '2026-01-01 00:00:00.000']],
      'parameters',
    ).map((s) => s.text);
    expect(vehicles.some((text) => text.includes('ROW_NUMBER') || text.startsWith('LOCK'))).to.equal(false);
    expect(vehicles[2]).to.match(
      /^DELETE FROM public\.vehicle_readings USING stage_vehicle_readings WHERE public\.vehicle_readings\.shard_id = /,
    );
  });

  it('binds every value once, in chunks of at most maxRowsPerInsert rows', () => {
    const inserts = loadStatements(POSTGRESQL, table, rows, 'parameters', {
      maxRowsPerInsert: 300,
      maxStatementBytes: 1e9,
    }).filter((s) => s.text.startsWith('INSERT INTO stage'));
    const sizes = inserts.map((s) => s.values.length / table.columns.length);
    expect(sizes.slice(0, -1).every((size) => size === 300)).to.equal(true);
    expect(sizes.length).to.equal(Math.ceil(rows.length / 300));
    expect(inserts.flatMap((s) => s.values)).to.deep.equal(rows.flat());
  });

  it('keeps every literal statement under the size cap', () => {
    const statements = loadStatements(REDSHIFT, table, rows, 'literals', {
      maxRowsPerInsert: 10_000,
      maxStatementBytes: 100_000,
    });
    expect(statements.every((s) => Buffer.byteLength(s.text) <= 100_000 && s.values.length === 0)).to.equal(true);
    expect(statements.length).to.be.greaterThan(6);
  });

  it('refuses a row that alone exceeds the statement cap', () => {
    expect(() =>
      loadStatements(REDSHIFT, table, rows.slice(0, 1), 'literals', { maxRowsPerInsert: 10, maxStatementBytes: 200 }),
    ).to.throw(RangeError);
  });
});

describe('row mapping', () => {
  it('truncates to a byte limit without splitting a character', () => {
    expect(truncateUtf8('ab😀cd', 4)).to.equal('ab');
    expect(truncateUtf8('ab😀cd', 6)).to.equal('ab😀');
    expect(truncateUtf8('día', 4)).to.equal('día');
  });

  it('writes UTC timestamps both engines parse, and null for a bad date', () => {
    expect(sqlTimestamp('2026-11-22T09:58:00.123Z')).to.equal('2026-11-22 09:58:00.123');
    expect(sqlTimestamp(0)).to.equal('1970-01-01 00:00:00.000');
    expect(sqlTimestamp('yesterday-ish')).to.equal(null);
  });
});

describe('ensureTableSql key indexes', () => {
  it('indexes the record identity and the business key on PostgreSQL, and creates no index on Redshift', () => {
    const pg = ensureTableSql(POSTGRESQL, table);
    expect(pg).to.include(
      'CREATE INDEX IF NOT EXISTS post_sentiment_identity_idx ON public.post_sentiment (shard_id, sequence_number, sub_sequence_number)',
    );
    expect(pg).to.include(
      'CREATE INDEX IF NOT EXISTS post_sentiment_business_idx ON public.post_sentiment (source, post_id)',
    );
    expect(ensureTableSql(REDSHIFT, table).filter((sql) => sql.includes('INDEX'))).to.deep.equal([]);
  });
});
