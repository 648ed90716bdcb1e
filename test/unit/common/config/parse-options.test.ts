// parseOptions: node:util parseArgs with every problem collected, so a CLI reports them all at once.
import { expect } from 'chai';
import { parseOptions } from '../../../../common/config/parse-options';

const OPTIONS = {
  only: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('parseOptions', () => {
  it('reads --flag value, --flag=value, booleans and short flags', () => {
    expect(parseOptions(['--only', 'kpl-codec,processor', '--json', '-h'], OPTIONS).values).to.deep.equal({
      only: 'kpl-codec,processor',
      json: true,
      help: true,
    });
    expect(parseOptions(['--only=a'], OPTIONS)).to.deep.include({ values: { only: 'a' }, problems: [] });
  });

  it('lists an unknown option, a missing value, a value on a flag and a stray argument together', () => {
    expect(parseOptions(['--bogus', '--json=1', 'extra', '--only'], OPTIONS).problems).to.deep.equal([
      'unknown option --bogus (see --help)',
      '--json takes no value',
      'unexpected argument "extra" (see --help)',
      '--only needs a value',
    ]);
  });

  it('keeps positionals when the command takes them', () => {
    const parsed = parseOptions(['-', '--json'], OPTIONS, { allowPositionals: true });
    expect(parsed.positionals).to.deep.equal(['-']);
    expect(parsed.problems).to.deep.equal([]);
  });
});
