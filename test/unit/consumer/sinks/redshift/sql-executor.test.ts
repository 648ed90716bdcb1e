// isRetryableSqlError and isDataSqlError: which database failures retry, which are the rows' fault (split and dead-lettered), which hold.
import { expect } from 'chai';
import { isRetryableSqlError } from '../../../../../common/is-retryable';
import { isDataSqlError } from '../../../../../common/pg/pg-error-classes';
import { DataApiStatementError } from '../../../../../consumer/sinks/sink-errors';

const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('isRetryableSqlError', () => {
  it('retries a statement timeout, a serialization failure, a deadlock, a lock wait and too many connections', () => {
    for (const code of ['57014', '40001', '40P01', '55P03', '53300'])
      expect(isRetryableSqlError(pgError(code, 'x')), code).to.equal(true);
    expect(isRetryableSqlError(new Error('Connection terminated unexpectedly'))).to.equal(true);
  });

  it('does not retry a missing table, a syntax error or a value the column refuses', () => {
    for (const code of ['42P01', '42601', '22001'])
      expect(isRetryableSqlError(pgError(code, 'x')), code).to.equal(false);
    expect(isRetryableSqlError('not an error')).to.equal(false);
  });
});

describe('isDataSqlError', () => {
  it('calls the rows at fault for SQLSTATE class 22 and 23 (bad JSON escape, value too long, NULL in NOT NULL)', () => {
    for (const code of ['22P02', '22P05', '22001', '22007', '22008', '22021', '23502', '23505'])
      expect(isDataSqlError(pgError(code, 'x')), code).to.equal(true);
  });

  it("recognises Redshift's texts for the same, which arrive as XX000 (pg) or as text only (Data API)", () => {
    const redshift = [
      pgError('XX000', 'Value too long for character type'),
      new DataApiStatementError('FAILED', 'ERROR: Value too long for character type', false),
      new DataApiStatementError('FAILED', 'ERROR: invalid input syntax for type timestamp: "+275760-09-13"', false),
      new DataApiStatementError('FAILED', 'ERROR: JSON parsing error', false),
      new DataApiStatementError('FAILED', 'ERROR: Cannot insert a NULL value into column arrival_time', false),
    ];
    for (const error of redshift) expect(isDataSqlError(error), error.message).to.equal(true);
  });

  it('holds everything systemic: missing table, permission, syntax, connections, timeouts, non-errors', () => {
    for (const code of ['42P01', '42501', '42601', '08006', '57014', '53300', '28000', '3D000'])
      expect(isDataSqlError(pgError(code, 'value too long for type character varying(64)')), code).to.equal(false);
    const systemic = [
      new DataApiStatementError('FAILED', 'ERROR: relation "public.post_sentiment" does not exist', false),
      new DataApiStatementError('FAILED', 'ERROR: permission denied for relation post_sentiment', false),
      new Error('Connection terminated unexpectedly'),
    ];
    for (const error of systemic) expect(isDataSqlError(error), error.message).to.equal(false);
    expect(isDataSqlError('22P02')).to.equal(false);
  });
});
