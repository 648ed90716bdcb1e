// Unit tests of the demo's option parser.
import { expect } from 'chai';
import { ConfigError } from '../../../common/errors';
import { DEMO_DEFAULTS, parseDemoArgs } from '../../../local/demo-args';

describe('parseDemoArgs', () => {
  it('returns the defaults for no options', () => {
    expect(parseDemoArgs([])).to.deep.equal(DEMO_DEFAULTS);
  });

  it('reads records, shards, rate and timeout in both --flag value and --flag=value forms', () => {
    expect(parseDemoArgs(['--records', '2000', '--shards=3', '--rate', '100', '--timeout=60', '--keep'])).to.deep.include({ records: 2000, shards: 3, rate: 100, timeoutSeconds: 60, keep: true });
  });

  it('recognises --help', () => {
    expect(parseDemoArgs(['--help']).help).to.equal(true);
  });

  it('reports every problem at once', () => {
    try {
      parseDemoArgs(['--records', 'x', '--shards', '99', '--bogus']);
      expect.fail('should throw');
    } catch (error: unknown) {
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).problems).to.have.length(3);
    }
  });
});
