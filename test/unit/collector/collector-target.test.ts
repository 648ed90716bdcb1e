// Where the collector sends: explicit settings, else the local stack file (through the common local-or-cloud rule), else a clear error.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveKinesisTarget } from '../../../collector/collector-target';
import { parseCollectArguments, type CollectorConfig } from '../../../collector/collector-config';
import { applyLocalOrCloud } from '../../../common/aws/local-or-cloud';
import { ConfigError } from '../../../common/errors';

const aws = { region: 'us-east-1', endpoints: {}, s3ForcePathStyle: false };

describe('resolveKinesisTarget', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'target-'));
  const file = path.join(dir, 'endpoints.json');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** What scripts/collect.ts does: local-or-cloud over the environment, then the arguments read over it. */
  function collectorConfig(argv: string[], env: NodeJS.ProcessEnv): { config: CollectorConfig; local: boolean } {
    const local = applyLocalOrCloud(env).target === 'local';
    const config = parseCollectArguments(['--source', 'sample', ...argv], env, dir);
    if (config === 'help') throw new Error('help');
    return { config, local };
  }

  it('takes endpoint, region and stream from .local/endpoints.json with no flag', () => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        region: 'eu-west-1',
        kinesis: { endpoint: 'http://127.0.0.1:4567', stream: 'sentiment-local' },
        dynamodb: { endpoint: 'http://127.0.0.1:4568', leaseTable: 'app' },
      }),
    );
    const { config, local } = collectorConfig([], { ENDPOINTS_FILE: file });
    const target = resolveKinesisTarget(config.streamName, config.aws, local, file);
    expect(target).to.deep.include({ streamName: 'sentiment-local', local: true });
    expect(target.aws.endpoints.kinesis).to.equal('http://127.0.0.1:4567');
    expect(target.aws.region).to.equal('eu-west-1');
    const other = collectorConfig(['--stream', 'other'], { ENDPOINTS_FILE: file });
    expect(resolveKinesisTarget(other.config.streamName, other.config.aws, other.local, file).streamName).to.equal(
      'other',
    );
  });

  it('uses an explicit endpoint as given, and needs a stream name without a local file', () => {
    const explicit = { ...aws, endpoints: { kinesis: 'http://127.0.0.1:9' } };
    expect(resolveKinesisTarget('s', explicit, false, file)).to.deep.equal({
      streamName: 's',
      aws: explicit,
      local: false,
    });
    const none = collectorConfig([], { ENDPOINTS_FILE: path.join(dir, 'none.json') });
    expect(none.local).to.equal(false);
    expect(() => resolveKinesisTarget(none.config.streamName, none.config.aws, none.local, 'none.json')).to.throw(
      ConfigError,
      /--stream/,
    );
  });
});
