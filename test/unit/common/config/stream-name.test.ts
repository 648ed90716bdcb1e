// KINESIS_STREAM_NAME names the stream everywhere; STREAM_NAME still works, with one deprecation warning per process.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { ConfigReader } from '../../../../common/config/config-reader';
import { readStreamName } from '../../../../common/config/stream-name';
import { ConfigError } from '../../../../common/errors';

describe('readStreamName', () => {
  it('prefers KINESIS_STREAM_NAME', () => {
    const reader = new ConfigReader('t', [{ KINESIS_STREAM_NAME: 'a', STREAM_NAME: 'b' }]);
    expect(readStreamName(reader, { required: true })).to.equal('a');
  });

  it('reads the deprecated STREAM_NAME with one warning per process, on stderr and never on stdout', () => {
    // A fresh process: the warning is once per process, and this one may have warned already.
    const script = `
      const { ConfigReader } = require(${JSON.stringify(require.resolve('../../../../common/config/config-reader'))});
      const { readStreamName } = require(${JSON.stringify(require.resolve('../../../../common/config/stream-name'))});
      for (let i = 0; i < 3; i += 1) if (readStreamName(new ConfigReader('t', [{ STREAM_NAME: 'b' }]), { required: true }) !== 'b') process.exit(1);`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.status).to.equal(0);
    expect(run.stdout).to.equal('');
    expect(run.stderr.match(/STREAM_NAME is deprecated: set KINESIS_STREAM_NAME instead/g)).to.have.length(1);
  });

  it('reports a missing required name under the new variable', () => {
    const reader = new ConfigReader('t', [{}]);
    expect(readStreamName(reader, { required: true })).to.equal(undefined);
    expect(() => reader.finish({})).to.throw(ConfigError, /KINESIS_STREAM_NAME is required/);
    expect(readStreamName(new ConfigReader('t', [{}]), { required: false })).to.equal(undefined);
  });
});
