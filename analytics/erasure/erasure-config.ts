// The settings `forget`, `retention` and the X compliance feed read: the consumer's archive and curated prefixes and the warehouse connection.
import { readAwsSettings, type AwsSettings } from '../../common/aws/aws-settings';
import { ConfigReader, type Source } from '../../common/config/config-reader';
import { readSinkConfig, type ArchiveConfig, type CuratedConfig } from '../../consumer/sinks/sink-config';
import { readPostsSource, type PostsSource } from '../../reporting/posts/posts-source';

export interface ErasureConfig {
  readonly aws: AwsSettings;
  readonly archive: ArchiveConfig;
  readonly curated: CuratedConfig;
  /** REDSHIFT_URL (and credentials) and REDSHIFT_POSTS_TABLE as the people tools read them; locally `npm start`'s. */
  readonly warehouse: PostsSource;
}

/**
 * ARCHIVE_* and CURATED_* with the consumer's defaults (so the tool reads what the sinks wrote), and the warehouse as
 * the dashboard reads it. `extra` reads more settings on the same reader. Throws one ConfigError listing every problem.
 */
export function readErasureConfig<T extends object = object>(
  name: string,
  env: Source,
  extra: (reader: ConfigReader) => T = () => ({}) as T,
): ErasureConfig & T {
  const reader = new ConfigReader(name, [
    { ARCHIVE_ENABLED: 'true', CURATED_ENABLED: 'true', REDSHIFT_ENABLED: 'false' },
    env,
  ]);
  const { archive, curated } = readSinkConfig(reader);
  const aws = readAwsSettings(reader);
  const warehouse = readPostsSource(reader);
  const more = extra(reader);
  if (archive === undefined || curated === undefined) reader.problem('the archive and the curated dataset are needed');
  return reader.finish({ aws, archive, curated, warehouse, ...more } as ErasureConfig & T);
}
