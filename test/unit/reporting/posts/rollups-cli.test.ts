// `npm run rollups` without a database: help, and one message with exit code 2 for bad arguments or configuration.
import { expect } from 'chai';
import { NullLogger } from '../../../../common/logger';
import { ROLLUPS_USAGE, runRollupsCli } from '../../../../reporting/posts/rollups-cli';
import { REPORTING_EXIT } from '../../../../reporting/reporting-errors';

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const errors: string[] = [];
  const code = await runRollupsCli(argv, {
    env: { ENDPOINTS_FILE: 'none', ...env },
    print: (text) => out.push(text),
    printError: (text) => errors.push(text),
    logger: new NullLogger(),
  });
  return { code, out, errors };
}

describe('rollups CLI', () => {
  it('prints its usage with --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).to.equal(REPORTING_EXIT.ok);
    expect(result.out).to.deep.equal([ROLLUPS_USAGE]);
    expect(ROLLUPS_USAGE).to.include('--once').and.include('--json').and.include('exit codes');
  });

  it('refuses an unknown flag with the usage and exit 2', async () => {
    const result = await run(['--forever']);
    expect(result.code).to.equal(REPORTING_EXIT.usage);
    expect(result.errors.join('\n')).to.include('--forever').and.include('usage: npm run rollups');
  });

  it('lists every configuration problem in one message, and answers --once --json with one object', async () => {
    const result = await run(['--once', '--json', '--interval', '0'], { REDSHIFT_URL: 'not-a-url' });
    expect(result.code).to.equal(REPORTING_EXIT.usage);
    expect(result.errors).to.have.length(1);
    expect(result.errors[0]).to.include('REDSHIFT_URL').and.include('ROLLUPS_INTERVAL_SECONDS');
    expect(JSON.parse(result.out[0] ?? '{}')).to.include({ exitCode: REPORTING_EXIT.usage });
  });
});
