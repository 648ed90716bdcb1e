// `npm start -- --source x|instagram [--hashtag T]`: the collector replaces the samples only when asked.
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { parseStartArgs } from '../../../../local/start/start-args';

describe('npm start --source', () => {
  it('keeps the samples as the default and takes x or instagram with a hashtag', () => {
    expect(parseStartArgs([])).to.include({ source: 'sample', hashtag: 'ZBE' });
    expect(parseStartArgs(['--source', 'x'])).to.include({ source: 'x', hashtag: 'ZBE' });
    expect(parseStartArgs(['--source=instagram', '--hashtag', 'MadridCentral'])).to.include({
      source: 'instagram',
      hashtag: 'MadridCentral',
    });
  });

  it('refuses another source', () => {
    expect(() => parseStartArgs(['--source', 'tiktok'])).to.throw(
      ConfigError,
      /--source must be sample, x or instagram/,
    );
  });
});
