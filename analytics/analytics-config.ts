// Where the analysts' tools find the archive and the curated dataset: the consumer's own sink settings, read once.
import type { Source } from '../common/config/config-reader';
import { ConfigReader } from '../common/config/config-reader';
import { readAwsSettings, type AwsSettings } from '../common/aws/aws-settings';
import { readSinkConfig, type ArchiveConfig, type CuratedConfig } from '../consumer/sinks/sink-config';

export interface AnalyticsConfig {
  readonly aws: AwsSettings;
  readonly archive: ArchiveConfig;
  readonly curated: CuratedConfig;
}

/**
 * The same variables and defaults as the consumer (ARCHIVE_BUCKET, ARCHIVE_PREFIX, ARCHIVE_ERROR_PREFIX, CURATED_*),
 * so a tool reads what the sinks wrote; the warehouse settings are not read. Throws one ConfigError listing every problem.
 */
export function readAnalyticsConfig(env: Source): AnalyticsConfig {
  const reader = new ConfigReader('analytics configuration', [
    { ARCHIVE_ENABLED: 'true', CURATED_ENABLED: 'true', REDSHIFT_ENABLED: 'false' },
    env,
  ]);
  const sinks = readSinkConfig(reader);
  const aws = readAwsSettings(reader);
  const { archive, curated } = sinks;
  if (archive === undefined || curated === undefined)
    reader.problem('the archive and the curated dataset are both needed');
  return reader.finish({ aws, archive, curated } as AnalyticsConfig);
}
