// The Redshift DDL and dialect: Redshift-only clauses, the stand-in's equivalents, injection-proof literals.
import { expect } from 'chai';
import { POSTGRESQL, REDSHIFT } from '../../../../../consumer/sinks/redshift/sql-dialect';
import { createTableSql } from '../../../../../consumer/sinks/redshift/table-ddl';
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
