// Unit tests of the demo's option parser.
import { expect } from 'chai';
import { ConfigError } from '../../../../common/errors';
import { DEMO_DEFAULTS, parseDemoArgs } from '../../../../local/demo/demo-args';

describe('parseDemoArgs', () => {
  it('returns the defaults for no options', () => {
    expect(parseDemoArgs([])).to.deep.equal(DEMO_DEFAULTS);
  });

  it('reads records, shards, rate and timeout in both --flag value and --flag=value forms', () => {
    expect(
      parseDemoArgs(['--records', '2000', '--shards=3', '--rate', '100', '--timeout=60', '--keep']),
    ).to.deep.include({ records: 2000, shards: 3, rate: 100, timeoutSeconds: 60, keep: true });
  });

  it('reads the scale scenario and its timings; its timeout is its own unless --timeout is given', () => {
    const args = parseDemoArgs([
      '--scenario',
      'scale',
      '--cooldown-minutes',
      '0',
      '--window-minutes=4',
      '--shard-records-quota',
      '1000',
      '--overload-rate',
      '1050',
    ]);
    expect(args.scenario).to.equal('scale');
    expect(args.scale).to.deep.include({
      cooldownMinutes: 0,
      windowMinutes: 4,
      shardRecordsQuota: 1000,
      overloadRate: 1050,
      timeoutSeconds: 900,
    });
    expect(parseDemoArgs(['--scenario=scale', '--timeout', '600']).scale.timeoutSeconds).to.equal(600);
    expect(() => parseDemoArgs(['--scenario', 'chaos', '--window-minutes', '1'])).to.throw(
      ConfigError,
      /reconcile or scale[\s\S]*window-minutes must be a whole number >= 2/,
    );
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
