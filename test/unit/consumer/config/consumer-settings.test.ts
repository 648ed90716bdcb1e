// The consumer's settings table is the contract: its writer produces what its readers read, and the readers' defaults are the table's.
import { expect } from 'chai';
import { readConsumerConfig } from '../../../../consumer/config/consumer-config';
import { CONSUMER_SETTINGS, consumerEnv } from '../../../../consumer/config/consumer-settings';
import { SCALER_SETTINGS } from '../../../../operator/scaler/scaler-settings';
import { MONITOR_SETTINGS } from '../../../../operator/monitor/monitor-settings';
import { COLLECTOR_SETTINGS } from '../../../../collector/collector-settings';
import { ALERT_SETTINGS } from '../../../../reporting/alerts/alert-settings';
import { REPORT_SETTINGS } from '../../../../reporting/report/report-settings';
import { DASHBOARD_SETTINGS } from '../../../../reporting/dashboard/dashboard-settings';
import type { SettingsTable } from '../../../../common/config/setting';

const TABLES: Record<string, SettingsTable> = {
  consumer: CONSUMER_SETTINGS,
  scaler: SCALER_SETTINGS,
  monitor: MONITOR_SETTINGS,
  collector: COLLECTOR_SETTINGS,
  alert: ALERT_SETTINGS,
  report: REPORT_SETTINGS,
  dashboard: DASHBOARD_SETTINGS,
};

describe('settings tables', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    it(`${name}: one row per variable, each with a meaning`, () => {
      const variables = Object.values(table).map((row) => row.variable);
      expect(new Set(variables).size, variables.join(' ')).to.equal(variables.length);
      for (const row of Object.values(table)) expect(row.doc, row.variable).to.not.equal('');
    });
  }

  it('consumerEnv writes each setting under its variable, as text, and refuses nothing typed', () => {
    expect(consumerEnv({ sinks: 'none', batchMaxAgeMs: 1000, archiveGzip: false, redshiftTls: false })).to.deep.equal({
      SINKS: 'none',
      BATCH_MAX_AGE_MS: '1000',
      ARCHIVE_GZIP: 'false',
      REDSHIFT_TLS: 'false',
    });
    expect(consumerEnv({ archiveBucket: undefined })).to.deep.equal({});
  });

  it('what consumerEnv writes, readConsumerConfig reads back', () => {
    const config = readConsumerConfig(
      consumerEnv({
        archiveBucket: 'b',
        redshiftUrl: 'postgres://u@h:5439/db',
        batchMaxRecords: 7,
        deliveryHoldMaxMs: 90_000,
        streamName: 's',
        sentimentAnalyzer: 'neutral',
        metricsMode: 'local',
      }),
      1,
    );
    expect(config.batchPolicy.maxRecords).to.equal(7);
    expect(config.deliveryHold.maxDelayMs).to.equal(90_000);
    expect(config.streamName).to.equal('s');
    expect(config.sentiment.analyzer).to.equal('neutral');
    expect(config.metrics.mode).to.equal('local');
    expect(config.sinkConfig?.archive?.bucket).to.equal('b');
  });

  it("the readers' defaults are the table's", () => {
    const S = CONSUMER_SETTINGS;
    const config = readConsumerConfig(consumerEnv({ archiveBucket: 'b', redshiftUrl: 'postgres://u@h:5439/db' }), 1);
    expect(config.batchPolicy).to.deep.equal({
      maxRecords: S.batchMaxRecords.default,
      maxBytes: S.batchMaxBytes.default,
      maxAgeMs: S.batchMaxAgeMs.default,
    });
    expect(config.maxRecordBytes).to.equal(S.maxRecordBytes.default);
    expect(config.deliveryRetryAttempts).to.equal(S.deliveryRetryAttempts.default);
    expect(config.applicationName).to.equal(S.applicationName.default);
    expect(config.sinkConfig?.retry).to.deep.equal({
      maxAttempts: S.sinkRetryMaxAttempts.default,
      baseDelayMs: S.sinkRetryBaseDelayMs.default,
      maxDelayMs: S.sinkRetryMaxDelayMs.default,
    });
    expect(config.sinkConfig?.archive).to.deep.include({
      prefix: S.archivePrefix.default,
      errorPrefix: S.archiveErrorPrefix.default,
      statePrefix: S.archiveStatePrefix.default,
      partSizeBytes: S.archivePartSizeMb.default * 1024 * 1024,
    });
    expect(config.sinkConfig?.redshift).to.deep.include({
      postsTable: S.redshiftPostsTable.default,
      vehiclesTable: S.redshiftVehiclesTable.default,
      statementTimeoutMs: S.redshiftStatementTimeoutMs.default,
    });
    expect(config.metrics.flushIntervalMs).to.equal(S.metricsFlushIntervalMs.default);
  });
});
