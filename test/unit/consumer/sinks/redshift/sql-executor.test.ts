// isRetryableSqlError: which database failures hold the checkpoint and retry, and which are the data's or the schema's.
import { expect } from 'chai';
import { isRetryableSqlError } from '../../../../../common/is-retryable';

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
