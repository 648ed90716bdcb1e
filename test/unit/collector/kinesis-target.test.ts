// Where the collector sends: explicit settings, else the local stack's endpoints file, else a clear error.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveKinesisTarget } from '../../../collector/kinesis-target';
import { ConfigError } from '../../../common/errors';

const aws = { region: 'us-east-1', endpoints: {}, s3ForcePathStyle: false };

describe('resolveKinesisTarget', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'target-'));
  const file = path.join(dir, 'endpoints.json');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes endpoint, region and stream from .local/endpoints.json with no flag', () => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        region: 'eu-west-1',
        kinesis: { endpoint: 'http://127.0.0.1:4567', stream: 'sentiment-local' },
      }),
    );
    const target = resolveKinesisTarget(undefined, aws, file);
    expect(target).to.deep.include({ streamName: 'sentiment-local', local: true });
    expect(target.aws.endpoints.kinesis).to.equal('http://127.0.0.1:4567');
    expect(target.aws.region).to.equal('eu-west-1');
    expect(resolveKinesisTarget('other', aws, file).streamName).to.equal('other');
  });

  it('uses an explicit endpoint as given, and needs a stream name without a local file', () => {
    const explicit = { ...aws, endpoints: { kinesis: 'http://127.0.0.1:9' } };
    expect(resolveKinesisTarget('s', explicit, file)).to.deep.equal({ streamName: 's', aws: explicit, local: false });
    expect(() => resolveKinesisTarget(undefined, aws, path.join(dir, 'none.json'))).to.throw(ConfigError, /--stream/);
  });
});
