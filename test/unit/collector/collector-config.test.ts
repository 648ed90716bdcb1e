// `npm run collect` arguments and environment: every problem at once, the documented defaults, secrets only from the environment.
import { expect } from 'chai';
import { parseCollectArguments, type CollectorConfig } from '../../../collector/collector-config';
import { ConfigError } from '../../../common/errors';

const parse = (argv: string[], env: Record<string, string> = {}): CollectorConfig => {
  const config = parseCollectArguments(argv, env, '/repo');
  if (config === 'help') throw new Error('help');
  return config;
};

describe('parseCollectArguments', () => {
  it('reads the X source with X_API_BASE_URL defaulting to api.x.com and a 30 s stall timeout', () => {
    const config = parse(['--source', 'x', '--hashtag', '#ZBE', '--duration', '60'], { X_BEARER_TOKEN: 'a%2Fb' });
    expect(config.source).to.deep.equal({
      kind: 'x',
      baseUrl: 'https://api.x.com',
      bearerToken: 'a%2Fb',
      stallTimeoutMs: 30_000,
      monthlyReadBudget: 2_000_000,
      readLedgerFile: '/repo/.local/collector/x-reads.json',
    });
    expect(config.journalDir).to.equal('/repo/.local/collector/journal-x-zbe');
    expect(config.hashtag).to.equal('ZBE');
    expect(config.durationSeconds).to.equal(60);
    expect(config.positionFile).to.equal('/repo/.local/collector/position-x-zbe.json');
  });

  it('reads the Instagram interval from --interval over INSTAGRAM_POLL_SECONDS', () => {
    const env = { INSTAGRAM_ACCESS_TOKEN: 't', INSTAGRAM_USER_ID: '1784', INSTAGRAM_POLL_SECONDS: '120' };
    expect(parse(['--source', 'instagram', '--hashtag', 'ZBE'], env).source).to.deep.include({ intervalMs: 120_000 });
    expect(parse(['--source', 'instagram', '--hashtag', 'ZBE', '--interval', '30'], env).source).to.deep.include({
      intervalMs: 30_000,
      baseUrl: 'https://graph.facebook.com/v24.0',
    });
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      parse(['--source', 'instagram', '--duration', '0'], { INSTAGRAM_USER_ID: 'me' });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.have.members([
      '--hashtag is required for --source instagram',
      '--duration must be a positive number, got "0"',
      'INSTAGRAM_ACCESS_TOKEN is required',
      'INSTAGRAM_USER_ID must be the numeric Instagram user id',
    ]);
  });

  it('reads X_MONTHLY_READ_BUDGET through the config reader and refuses a budget that is not a whole number', () => {
    const env = { X_BEARER_TOKEN: 't', X_MONTHLY_READ_BUDGET: '50000' };
    expect(parse(['--source', 'x', '--hashtag', 'ZBE'], env).source).to.deep.include({ monthlyReadBudget: 50_000 });
    expect(() => parse(['--source', 'x', '--hashtag', 'ZBE'], { ...env, X_MONTHLY_READ_BUDGET: 'lots' })).to.throw(
      ConfigError,
      /X_MONTHLY_READ_BUDGET/,
    );
  });

  it('accepts a hashtag in any script, whole and NFC-normalised (--hashtag বাংলা, a decomposed accent)', () => {
    const env = { X_BEARER_TOKEN: 't' };
    expect(parse(['--source', 'x', '--hashtag', 'বাংলা'], env).hashtag).to.equal('বাংলা');
    expect(parse(['--source', 'x', '--hashtag', '#हिन्दी'], env).hashtag).to.equal('हिन्दी');
    expect(parse(['--source', 'x', '--hashtag', 'Caf\u0065\u0301'], env).hashtag).to.equal('Caf\u00e9');
    expect(() => parse(['--source', 'x', '--hashtag', 'no space'], env)).to.throw(ConfigError, /--hashtag/);
  });

  it('refuses an unknown source', () => {
    expect(() => parse(['--source', 'tiktok', '--hashtag', 'ZBE'])).to.throw(
      ConfigError,
      /--source must be one of x, instagram, sample, file/,
    );
  });
});
