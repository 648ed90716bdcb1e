// createSinks: one sink per enabled destination, built from config and the shared clients.
import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { S3Client } from '@aws-sdk/client-s3';
import { expect } from 'chai';
import { ConfigReader } from '../../../../common/config/config-reader';
import { NullLogger } from '../../../../common/logger';
import { createSinks } from '../../../../consumer/sinks/create-sinks';
import { readSinkConfig } from '../../../../consumer/sinks/sink-config';

const clients = {
  s3: (): S3Client => new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
  redshiftData: (): RedshiftDataClient =>
    new RedshiftDataClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
};

function configOf(env: Record<string, string>): ReturnType<typeof readSinkConfig> {
  const reader = new ConfigReader('sinks', [env]);
  return reader.finish(readSinkConfig(reader));
}

describe('createSinks', () => {
  it('builds the archive and the Redshift sink when both are configured', async () => {
    const sinks = createSinks(
      configOf({ ARCHIVE_BUCKET: 'b', REDSHIFT_URL: 'postgres://u:p@127.0.0.1:5439/dev', REDSHIFT_TLS: 'false' }),
      clients,
      new NullLogger(),
    );
    expect(sinks.map((sink) => sink.name)).to.deep.equal(['s3-archive', 'redshift']);
    await Promise.all(sinks.map((sink) => sink.close()));
  });

  it('builds only what is enabled, in Data API mode without any connection', async () => {
    const sinks = createSinks(
      configOf({
        ARCHIVE_ENABLED: 'false',
        REDSHIFT_MODE: 'data-api',
        REDSHIFT_DATABASE: 'dev',
        REDSHIFT_WORKGROUP: 'wg',
      }),
      clients,
      new NullLogger(),
    );
    expect(sinks.map((sink) => sink.name)).to.deep.equal(['redshift']);
    await Promise.all(sinks.map((sink) => sink.close()));
  });

  it('adds the curated sink when CURATED_ENABLED=true, in the archive bucket', async () => {
    const config = configOf({ ARCHIVE_BUCKET: 'b', CURATED_ENABLED: 'true', REDSHIFT_ENABLED: 'false' });
    expect(config.curated).to.deep.equal({
      bucket: 'b',
      prefix: 'curated',
      statePrefix: 'curated-state',
      sse: { mode: 'none' },
    });
    const sinks = createSinks(config, clients, new NullLogger());
    expect(sinks.map((sink) => sink.name)).to.deep.equal(['s3-archive', 's3-curated']);
    await Promise.all(sinks.map((sink) => sink.close()));
  });
});
