// Retention of the S3 datasets: settings (0 keeps for ever, never shorter than the stream) and the lifecycle rules they make.
import { expect } from 'chai';
import { Duration } from 'aws-cdk-lib';
import { ConfigError } from '../../common/errors';
import { readDeploySettings } from '../lib/deploy-settings';
import { retentionRules } from '../lib/retention-rules';

describe('deploy: retention of the archive, dead letters and curated dataset', () => {
  const prefixes = { raw: 'raw', errors: 'errors', curated: 'curated' };

  it('keeps everything by default', () => {
    const settings = readDeploySettings({});
    expect(settings.retention).to.deep.equal({ rawDays: 0, deadLetterDays: 0, curatedDays: 0 });
    expect(retentionRules(settings.retention, prefixes)).to.deep.equal([]);
  });

  it('expires each dataset under its own prefix after its days', () => {
    const settings = readDeploySettings({
      rawRetentionDays: '730',
      deadLetterRetentionDays: '90',
      curatedRetentionDays: '0',
    });
    expect(retentionRules(settings.retention, prefixes)).to.deep.equal([
      { id: 'expire-raw-archive', prefix: 'raw/', expiration: Duration.days(730) },
      { id: 'expire-dead-letters', prefix: 'errors/', expiration: Duration.days(90) },
    ]);
  });

  it('refuses a retention no longer than the stream keeps records (a replay must find what its progress names)', () => {
    try {
      readDeploySettings({ retentionHours: '168', deadLetterRetentionDays: '7', curatedRetentionDays: '-1' });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).to.include('deadLetterRetentionDays 7 must be 0 (keep) or longer than the stream');
      expect(problems).to.include('curatedRetentionDays');
    }
  });
});
