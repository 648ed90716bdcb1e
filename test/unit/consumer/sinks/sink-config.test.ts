// readSinkConfig: defaults, every problem at once, and no password in any message.
import { expect } from 'chai';
import { ConfigReader } from '../../../../common/config/config-reader';
import { ConfigError } from '../../../../common/errors';
import { loggableSinkConfig, readSinkConfig } from '../../../../consumer/sinks/sink-config';

function read(env: Record<string, string>): ReturnType<typeof readSinkConfig> {
  const reader = new ConfigReader('sinks', [env]);
  return reader.finish(readSinkConfig(reader));
}

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    read(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('readSinkConfig', () => {
  it('reads a pg setup with defaults for everything optional', () => {
    const config = read({ ARCHIVE_BUCKET: 'b', REDSHIFT_URL: 'postgres://loader:s3cret@cluster:5439/dev' });
    expect(config.archive).to.deep.include({
      bucket: 'b',
      prefix: 'raw',
      errorPrefix: 'errors',
      statePrefix: 'archive-state',
      gzip: true,
      sse: { mode: 'none' },
    });
    expect(config.redshift?.connection).to.deep.include({
      mode: 'pg',
      tls: { enabled: true, rejectUnauthorized: true },
      poolSize: 2,
    });
    expect(config.redshift).to.include({
      dialect: 'redshift',
      postsTable: 'public.post_sentiment',
      createTables: true,
    });
  });

  it('reports every problem at once, without echoing the connection URL', () => {
    const problems = problemsOf({
      ARCHIVE_SSE: 'aws:kms-ish',
      ARCHIVE_KMS_KEY_ID: 'k',
      ARCHIVE_PART_SIZE_MB: '2',
      ARCHIVE_STATE_PREFIX: 'raw/state',
      REDSHIFT_URL: 'mysql://u:hunter2@h/db',
      REDSHIFT_POSTS_TABLE: 'Posts; drop',
      REDSHIFT_POOL_SIZE: '0',
    });
    expect(problems.join('\n'))
      .to.match(/ARCHIVE_BUCKET is required/)
      .and.match(/ARCHIVE_SSE/)
      .and.match(/ARCHIVE_KMS_KEY_ID/)
      .and.match(/ARCHIVE_PART_SIZE_MB/)
      .and.match(/outside ARCHIVE_PREFIX/)
      .and.match(/REDSHIFT_URL must look like/)
      .and.match(/postsTable/)
      .and.match(/REDSHIFT_POOL_SIZE/);
    expect(problems.join('\n')).not.to.include('hunter2');
  });

  it('checks the Data API target: one of cluster or workgroup, and a way to authenticate to a cluster', () => {
    expect(
      problemsOf({ ARCHIVE_ENABLED: 'false', REDSHIFT_MODE: 'data-api', REDSHIFT_DATABASE: 'dev' }).join('\n'),
    ).to.match(/exactly one of REDSHIFT_CLUSTER_ID and REDSHIFT_WORKGROUP/);
    expect(
      problemsOf({
        ARCHIVE_ENABLED: 'false',
        REDSHIFT_MODE: 'data-api',
        REDSHIFT_DATABASE: 'dev',
        REDSHIFT_CLUSTER_ID: 'c',
      }).join('\n'),
    ).to.match(/REDSHIFT_DB_USER or REDSHIFT_SECRET_ARN/);
    const config = read({
      ARCHIVE_ENABLED: 'false',
      REDSHIFT_MODE: 'data-api',
      REDSHIFT_DATABASE: 'dev',
      REDSHIFT_WORKGROUP: 'wg',
    });
    expect(config.archive).to.equal(undefined);
    expect(config.redshift?.connection).to.deep.equal({
      mode: 'data-api',
      database: 'dev',
      workgroupName: 'wg',
      maxStatementsPerBatch: 40,
    });
  });

  it('masks the password when the config is logged', () => {
    const config = read({
      ARCHIVE_ENABLED: 'false',
      REDSHIFT_URL: 'postgres://loader:s3cret@cluster:5439/dev',
      REDSHIFT_PASSWORD: 'other',
    });
    const text = JSON.stringify(loggableSinkConfig(config));
    expect(text).not.to.include('s3cret');
    expect(text).not.to.include('other');
    expect(text).to.include('cluster:5439');
  });

  it('leaves the curated dataset off by default and checks its prefixes against the archive', () => {
    expect(read({ ARCHIVE_BUCKET: 'b', REDSHIFT_ENABLED: 'false' }).curated).to.equal(undefined);
    expect(
      read({ ARCHIVE_ENABLED: 'false', REDSHIFT_ENABLED: 'false', CURATED_ENABLED: 'true', CURATED_BUCKET: 'c' })
        .curated,
    ).to.include({ bucket: 'c', prefix: 'curated' });
    expect(
      problemsOf({
        ARCHIVE_BUCKET: 'b',
        REDSHIFT_ENABLED: 'false',
        CURATED_ENABLED: 'true',
        CURATED_PREFIX: 'raw/curated',
        CURATED_STATE_PREFIX: 'raw/curated/state',
      }),
    ).to.deep.equal([
      'CURATED_STATE_PREFIX must lie outside CURATED_PREFIX',
      'CURATED_PREFIX and CURATED_STATE_PREFIX must lie apart from the archive prefixes in one bucket',
    ]);
    expect(
      problemsOf({ ARCHIVE_ENABLED: 'false', REDSHIFT_ENABLED: 'false', CURATED_ENABLED: 'true' }).join('\n'),
    ).to.include('ARCHIVE_BUCKET');
  });
});
