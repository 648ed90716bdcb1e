// The per-shard quotas the planner measures against: Kinesis' by default; smaller ones (a local emulator's) only when configured, and said in the plan.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { planScaling } from '../../../../operator/scaler/shard-planner';
import { windowFromExport } from '../../../../operator/scaler/metrics-export';
import { DEFAULT_SCALING_POLICY, SHARD_QUOTA } from '../../../../operator/scaler/scaling-policy';
import { readScalerConfig } from '../../../../operator/scaler/scaler-config';
import { scenarioQuotaEnv } from '../../../../local/demo/scale-scenario-settings';
import { REPO_ROOT } from '../../../../common/repo-root';

const steady = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/metrics/steady.json'), 'utf8')) as {
  now: string;
  stream: Parameters<typeof planScaling>[0]['stream'];
  metrics: unknown;
};

describe('per-shard quotas', () => {
  const plan = (policy = DEFAULT_SCALING_POLICY): ReturnType<typeof planScaling> =>
    planScaling({
      now: new Date(steady.now),
      stream: steady.stream,
      ledger: [],
      window: windowFromExport(steady.metrics),
      policy,
    });

  it("measures against Kinesis' quotas unless told otherwise, and then says so in the reasons", () => {
    const base = plan();
    expect(DEFAULT_SCALING_POLICY.shardQuota).to.deep.equal(SHARD_QUOTA);
    expect(base.reasons.join('\n')).to.not.include('quotas overridden');
    const small = plan({
      ...DEFAULT_SCALING_POLICY,
      shardQuota: {
        writeBytesPerSec: SHARD_QUOTA.writeBytesPerSec / 20,
        writeRecordsPerSec: 50,
        readBytesPerSec: SHARD_QUOTA.readBytesPerSec / 20,
      },
    });
    expect(small.inputs.utilisation.max).to.be.closeTo(base.inputs.utilisation.max * 20, 0.01);
    expect(small.decision).to.equal('scale-up');
    expect(small.reasons[0]).to.include('per-shard quotas overridden');
  });

  it('reads SCALER_SHARD_* (the scale scenario scales the byte quotas with the records quota)', () => {
    const config = readScalerConfig({}, { STREAM_NAME: 's', ...scenarioQuotaEnv(50) }, true);
    expect(config.policy.shardQuota).to.deep.equal({
      writeRecordsPerSec: 50,
      writeBytesPerSec: 52_429,
      readBytesPerSec: 104_858,
    });
    expect(readScalerConfig({}, { STREAM_NAME: 's' }, true).policy.shardQuota).to.deep.equal(SHARD_QUOTA);
  });
});
