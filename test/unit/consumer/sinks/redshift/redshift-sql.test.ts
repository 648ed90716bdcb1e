// The Redshift DDL and dialect: Redshift-only clauses, the stand-in's equivalents, injection-proof literals.
import { expect } from 'chai';
import { POSTGRESQL, REDSHIFT } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { postRow } from '../../../../../consumer/sinks/redshift/row-mapper';
import { createTableSql, ensureTableSql } from '../../../../../consumer/sinks/redshift/table-ddl';
import { makeShardStream, toSinkBatch } from '../../../../support/sink-batch-factory';
import { postTable, vehicleTable } from '../../../../../consumer/sinks/redshift/table-spec';

describe('Redshift DDL and dialect', () => {
  it('declares distribution, sort keys, SUPER hashtags and byte-sized VARCHARs on Redshift', () => {
    const ddl = createTableSql(REDSHIFT, postTable('public.post_sentiment'));
    expect(ddl).to.match(/^CREATE TABLE IF NOT EXISTS public\.post_sentiment \(/);
    expect(ddl)
      .to.include('hashtags SUPER')
      .and.include('text VARCHAR(4096)')
      .and.include('sequence_number VARCHAR(128) NOT NULL');
    expect(ddl).to.match(/\) DISTSTYLE KEY DISTKEY\(sequence_number\) COMPOUND SORTKEY\(created_at\)$/);
    expect(ddl).to.include('loaded_at TIMESTAMP NOT NULL DEFAULT GETDATE()');
    expect(createTableSql(REDSHIFT, vehicleTable('v'))).to.include('SORTKEY(reading_time)');
  });

  it('never cuts the post id, a key: post_id is VARCHAR(1024) in both dialects and the row keeps the whole id', () => {
    for (const dialect of [REDSHIFT, POSTGRESQL])
      expect(createTableSql(dialect, postTable('p')), dialect.name).to.include('post_id VARCHAR(1024)');
    const id = `at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kqzlmwuxa22a${'x'.repeat(900)}`;
    const [scored] = toSinkBatch(makeShardStream({ count: 1, poisonEvery: 0 })).posts;
    const row = postRow({ ...scored, post: { ...scored.post, id } });
    expect(row[postTable('p').columns.findIndex((column) => column.name === 'post_id')]).to.equal(id);
  });

  it('widens post_id of an older PostgreSQL table only when narrower, and leaves Redshift to a documented step', () => {
    const pg = ensureTableSql(POSTGRESQL, postTable('public.post_sentiment'));
    expect(pg.filter((sql) => sql.includes('ALTER COLUMN'))).to.deep.equal([
      "DO $$ BEGIN IF (SELECT atttypmod - 4 FROM pg_attribute WHERE attrelid = 'public.post_sentiment'::regclass AND attname = 'post_id') < 1024 THEN ALTER TABLE public.post_sentiment ALTER COLUMN post_id TYPE VARCHAR(1024); END IF; END $$",
    ]);
    expect(ensureTableSql(REDSHIFT, postTable('public.post_sentiment')).join('\n')).not.to.include('ALTER');
  });

  it('keeps the PostgreSQL stand-in free of Redshift-only SQL', () => {
    const ddl = createTableSql(POSTGRESQL, postTable('post_sentiment'));
    expect(ddl).to.include('hashtags JSONB').and.include('DEFAULT CURRENT_TIMESTAMP');
    expect(ddl).not.to.match(/SUPER|DISTKEY|SORTKEY|GETDATE/);
  });

  it('renders text literals as hex, so no input can close the quote', () => {
    const hostile = "x'); DROP TABLE post_sentiment; --\\";
    for (const dialect of [REDSHIFT, POSTGRESQL]) {
      const literal = dialect.literal(hostile, { kind: 'varchar', bytes: 100 });
      expect(literal).not.to.include('DROP');
      expect(literal.match(/'([^']*)'/g)?.every((quoted) => /^'([0-9a-f]*|hex|utf8|UTF8)'$/.test(quoted))).to.equal(
        true,
      );
    }
    expect(REDSHIFT.literal('["a"]', { kind: 'json' })).to.match(
      /^JSON_PARSE\(FROM_VARBYTE\(FROM_HEX\('[0-9a-f]+'\), 'utf8'\)\)$/,
    );
    expect(REDSHIFT.literal(null, { kind: 'timestamp' })).to.equal('NULL');
    expect(() => REDSHIFT.literal(Number.NaN, { kind: 'double' })).to.throw(TypeError);
  });
});
