// End-to-end: the short CI version of `npm run chaos` (three seeded faults: a consumer child killed, a poison burst, PostgreSQL restarted).
import * as path from 'node:path';
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { chooseFaults, POISON_PER_BURST, seededRandom } from '../../local/soak/chaos-faults';
import { isExact, runChaos } from '../../local/soak/chaos-run';
import { useSoakStack } from '../support/soak-stack-hooks';

// The seed names the same three faults as 182 did before `kinesis-outage` joined the list (the list length drives the draw).
const SEED = 819;

describe('e2e: chaos soak (short)', function () {
  this.timeout(600_000);
  const soak = useSoakStack();
  const { dir } = soak;

  it('the seed names the faults', () => {
    expect(chooseFaults(3, seededRandom(SEED))).to.deep.equal([
      'poison-burst',
      'kill-consumer-child',
      'restart-postgres',
    ]);
  });

  it('delivers every tweet once to both sinks and dead-letters exactly the poison sent, through three faults', async () => {
    const outcome = await runChaos({
      stack: soak.stack(),
      dir,
      faults: 3,
      seed: SEED,
      shards: 2,
      ratePerSecond: 50,
      pauseMs: 4_000,
      deliveryTimeoutMs: 300_000,
      logger: new NullLogger(),
      progress: () => undefined,
      signal: new AbortController().signal,
    });
    const why = `${JSON.stringify({ ...outcome, injected: outcome.injected.map((f) => f.what) })}; logs in ${path.join(dir, 'logs')}`;
    expect(
      outcome.injected.map((f) => f.kind),
      why,
    ).to.deep.equal(['poison-burst', 'kill-consumer-child', 'restart-postgres']);
    expect(outcome.produced, why).to.be.greaterThan(300);
    expect(outcome.poisonSent, why).to.equal(POISON_PER_BURST);
    expect(isExact(outcome), why).to.equal(true);
  });
});
