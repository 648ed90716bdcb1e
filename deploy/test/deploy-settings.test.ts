// The deploy context: defaults, and every problem reported at once.
import { expect } from 'chai';
import { ConfigError } from '../../common/errors';
import { readDeploySettings } from '../lib/deploy-settings';

describe('deploy: settings from context', () => {
  it("defaults to 2 shards, the project's KCL generation (3), Serverless, Monday 08:00 in Los Angeles", () => {
    const s = readDeploySettings({});
    expect(s).to.include({
      shardCount: 2,
      kclGeneration: '3',
      timeZone: 'America/Los_Angeles',
      reportSchedule: 'cron(0 8 ? * MON *)',
    });
    expect(s.redshift.mode).to.equal('serverless');
    expect(s.consumer.stopTimeoutSeconds).to.be.at.least(30);
    expect(s.reportingLocale).to.equal('en');
    expect(s.comprehendKeyPhrases).to.equal(true);
    expect(readDeploySettings({ comprehendKeyPhrases: 'false' }).comprehendKeyPhrases).to.equal(false);
    expect(readDeploySettings({ reportingLocale: 'es' }).reportingLocale).to.equal('es');
  });

  it('lists every problem at once', () => {
    try {
      readDeploySettings({
        shardCount: '0',
        timeZone: 'Mars/Olympus',
        stopTimeoutSeconds: '10',
        consumerCpu: '1024',
        consumerMemoryMiB: '512',
        redshift: 'existing',
        alertEmails: 'not-an-address',
        kclGeneration: '4',
        collectorSource: 'x',
        reportingLocale: 'fr',
      });
      expect.fail('expected a ConfigError');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const key of [
        'shardCount',
        'timeZone',
        'stopTimeoutSeconds',
        'consumerMemoryMiB',
        'redshiftClusterId',
        'redshiftSecretArn',
        'redshiftUrl',
        'not-an-address',
        'kclGeneration',
        'collectorHashtag',
        'reportingLocale',
      ])
        expect(problems).to.include(key);
    }
  });
});
