// resolveLocalOrCloud: every CLI's one rule for talking to the local stack or to AWS.
import { expect } from 'chai';
import { applyLocalOrCloud, LOCAL_ACCESS_KEY, resolveLocalOrCloud } from '../../../../common/aws/local-or-cloud';

const ENDPOINTS = JSON.stringify({
  region: 'us-east-1',
  kinesis: { endpoint: 'http://127.0.0.1:4567', stream: 'sentiment-local' },
  dynamodb: { endpoint: 'http://127.0.0.1:4568', leaseTable: 'sentiment-local-consumer' },
  s3: { endpoint: 'http://127.0.0.1:4569', bucket: 'sentiment-archive' },
  metrics: { directory: '/repo/.local/metrics' },
  logs: '/repo/.local/logs',
});

/** A file system holding only the given files. */
function files(entries: Record<string, string>): (file: string) => string {
  return (file) => {
    const text = entries[file];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
    return text;
  };
}

describe('resolveLocalOrCloud', () => {
  it('uses the local stack when no endpoint is configured and .local/endpoints.json exists, and says so in one line', () => {
    const resolved = resolveLocalOrCloud({}, files({ '.local/endpoints.json': ENDPOINTS }));
    expect(resolved.target).to.equal('local');
    expect(resolved.set).to.deep.include({
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4568',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569',
      AWS_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY,
      KINESIS_STREAM_NAME: 'sentiment-local',
      KCL_APPLICATION_NAME: 'sentiment-local-consumer',
      SCALER_METRICS_SOURCE: 'local',
      METRICS_DIR: '/repo/.local/metrics',
      ARCHIVE_BUCKET: 'sentiment-archive',
    });
    // Writers write only KINESIS_STREAM_NAME; STREAM_NAME is a deprecated alias its readers still take.
    expect(resolved.set).to.not.have.property('STREAM_NAME');
    expect(resolved.unset).to.include.members(['AWS_SESSION_TOKEN', 'AWS_PROFILE']);
    expect(resolved.notice).to.match(/^local stack \(\.local\/endpoints\.json\): kinesis http:\/\/127\.0\.0\.1:4567/);
    expect(resolved.notice).to.not.include('\n');
  });

  it('keeps names the environment sets, but always takes endpoints, region and dummy credentials from the file', () => {
    const resolved = resolveLocalOrCloud(
      {
        STREAM_NAME: 'other',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIAREAL',
        SCALER_METRICS_SOURCE: 'cloudwatch',
      },
      files({ '.local/endpoints.json': ENDPOINTS }),
    );
    expect(resolved.set).to.not.have.property('STREAM_NAME');
    expect(resolved.set).to.not.have.property('KINESIS_STREAM_NAME');
    expect(resolved.set).to.not.have.property('SCALER_METRICS_SOURCE');
    expect(resolved.set).to.deep.include({ AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY });
  });

  for (const name of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_KINESIS', 'AWS_ENDPOINT_URL_DYNAMODB', 'REDSHIFT_URL']) {
    it(`uses the usual AWS configuration when ${name} is set`, () => {
      const resolved = resolveLocalOrCloud(
        { [name]: 'http://example.test' },
        files({ '.local/endpoints.json': ENDPOINTS }),
      );
      expect(resolved).to.deep.equal({ target: 'cloud', set: {}, unset: [] });
    });
  }

  it('uses the usual AWS configuration, silently, without an endpoints file or with ENDPOINTS_FILE=none', () => {
    expect(resolveLocalOrCloud({}, files({}))).to.deep.equal({ target: 'cloud', set: {}, unset: [] });
    expect(resolveLocalOrCloud({ ENDPOINTS_FILE: 'none' }, files({ none: ENDPOINTS })).target).to.equal('cloud');
  });

  it('reads ENDPOINTS_FILE and derives the metrics directory beside it when the file names none', () => {
    const old = JSON.stringify({ ...(JSON.parse(ENDPOINTS) as object), metrics: undefined });
    const resolved = resolveLocalOrCloud(
      { ENDPOINTS_FILE: '/tmp/stack/endpoints.json' },
      files({ '/tmp/stack/endpoints.json': old }),
    );
    expect(resolved.set.METRICS_DIR).to.equal('/tmp/stack/metrics');
  });

  it('says why it ignores an endpoints file it cannot use', () => {
    const resolved = resolveLocalOrCloud(
      {},
      files({ '.local/endpoints.json': '{"region":"us-east-1","kinesis":{"endpoint":"not a url"}}' }),
    );
    expect(resolved.target).to.equal('cloud');
    expect(resolved.notice).to.match(/not an endpoints file/);
  });

  it('applyLocalOrCloud sets and removes the variables on the environment it is given', () => {
    const env: NodeJS.ProcessEnv = { AWS_PROFILE: 'prod', AWS_SESSION_TOKEN: 'tok' };
    const resolved = applyLocalOrCloud(env, files({ '.local/endpoints.json': ENDPOINTS }));
    expect(resolved.target).to.equal('local');
    expect(env).to.not.have.property('AWS_PROFILE');
    expect(env).to.not.have.property('AWS_SESSION_TOKEN');
    expect(env.AWS_ENDPOINT_URL_KINESIS).to.equal('http://127.0.0.1:4567');
  });
});
