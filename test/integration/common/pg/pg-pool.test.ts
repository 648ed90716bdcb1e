// The pool's statement timeout on the real PostgreSQL stand-in: set on every new connection before its first statement.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { createPgPool } from '../../../../common/pg/pg-pool';
import { startSinkStandIns, type SinkStandIns } from '../../../support/stand-ins-sinks';

describe('createPgPool on PostgreSQL', function () {
  this.timeout(60_000);
  let standIns: SinkStandIns;

  before(async () => {
    standIns = await startSinkStandIns({ s3: false });
  });
  after(async () => {
    await standIns?.stop();
  });

  it('applies the statement timeout to every connection before the caller runs its first statement, queueing nothing', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    const pool = createPgPool({
      connectionString: standIns.postgresUrl,
      tls: { enabled: false },
      poolSize: 3,
      connectTimeoutMs: 10_000,
      statementTimeoutMs: 1_234,
      logger: new NullLogger(),
    });
    try {
      // Three concurrent first statements force three new connections, each answering only after its SET ran.
      const shown = await Promise.all(
        [1, 2, 3].map(() => pool.query<{ statement_timeout: string }>('SHOW statement_timeout')),
      );
      expect(shown.map((r) => r.rows[0]?.statement_timeout)).to.deep.equal(['1234ms', '1234ms', '1234ms']);
      expect(pool.totalCount).to.equal(3);
      const error = await pool.query('SELECT pg_sleep(5)').then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
      expect(error?.code).to.equal('57014');
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.includes('client.query()'))).to.deep.equal([]);
    } finally {
      process.off('warning', onWarning);
      await pool.end();
    }
  });
});
