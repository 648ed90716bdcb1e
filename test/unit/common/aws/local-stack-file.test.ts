// The local stack file's one reader: it keeps every well-formed section and drops only the spoiled ones, never throws.
import { expect } from 'chai';
import { parseLocalStackFile, readLocalStackFile } from '../../../../common/aws/local-stack-file';

const FULL = {
  region: 'us-east-1',
  kinesis: { endpoint: 'http://127.0.0.1:4567', stream: 's' },
  dynamodb: { endpoint: 'http://127.0.0.1:4568', leaseTable: 'app' },
  s3: { endpoint: 'http://127.0.0.1:4569', bucket: 'b', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  postgres: { url: 'postgres://u:p@127.0.0.1:5432/db', tables: ['public.post_sentiment', 7] },
  metrics: { directory: '/m' },
  logs: '/l',
  daemonProperties: '/p',
  email: { outbox: '/o', to: ['a@example.org'], from: 'f@example.org' },
};

describe('local stack file', () => {
  it('reads every section npm start writes', () => {
    expect(parseLocalStackFile(JSON.stringify(FULL))).to.deep.equal({
      stack: {
        region: 'us-east-1',
        kinesis: { endpoint: 'http://127.0.0.1:4567', stream: 's' },
        dynamodb: { endpoint: 'http://127.0.0.1:4568', leaseTable: 'app' },
      },
      s3: { endpoint: 'http://127.0.0.1:4569', bucket: 'b' },
      postgres: { url: 'postgres://u:p@127.0.0.1:5432/db', tables: ['public.post_sentiment'] },
      metricsDir: '/m',
      email: { outbox: '/o', to: ['a@example.org'], from: 'f@example.org' },
    });
  });

  it('keeps the good sections of a damaged file and reads no text as an empty file', () => {
    const damaged = { ...FULL, kinesis: { endpoint: 'not a url', stream: 's' }, email: 'x' };
    const file = parseLocalStackFile(JSON.stringify(damaged));
    expect(file.stack).to.equal(undefined);
    expect(file.postgres?.url).to.equal(FULL.postgres.url);
    expect(file).to.not.have.property('email');
    expect(parseLocalStackFile('{')).to.deep.equal({});
    expect(parseLocalStackFile('null')).to.deep.equal({});
  });

  it('says undefined for a file that is not there', () => {
    expect(
      readLocalStackFile('/nowhere/endpoints.json', () => {
        throw new Error('ENOENT');
      }),
    ).to.equal(undefined);
  });
});
