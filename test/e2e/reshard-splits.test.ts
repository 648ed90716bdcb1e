// End-to-end: a merge (4 -> 2) and a split not in halves (2 -> 3) while producing; the short CI version of `npm run reshard-soak`.
import * as path from 'node:path';
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { runReshardOnce } from '../../local/soak/reshard-soak-run';
import { useSoakStack } from '../support/soak-stack-hooks';

describe('e2e: reshard under load, merge and uneven split', function () {
  this.timeout(600_000);
  const soak = useSoakStack();
  const { dir } = soak;

  for (const [from, to] of [
    [4, 2],
    [2, 3],
  ] as const) {
    it(`stores every record once in both sinks across ${from} -> ${to}`, async () => {
      const r = await runReshardOnce({
        stack: soak.stack(),
        dir,
        from,
        to,
        ratePerSecond: 150,
        beforeMs: 4_000,
        afterMs: 3_000,
        deliveryTimeoutMs: 240_000,
        guard: true,
        logger: new NullLogger(),
        progress: () => undefined,
      });
      expect(r.produced, `logs in ${path.join(dir, 'logs')}`).to.be.greaterThan(500);
      expect({
        delivered: r.delivered,
        archived: r.archived,
        loaded: r.loaded,
        duplicates: r.duplicates,
        missing: r.missing,
        unexpected: r.unexpected,
      }).to.deep.equal({
        delivered: true,
        archived: r.produced,
        loaded: r.produced,
        duplicates: 0,
        missing: 0,
        unexpected: 0,
      });
    });
  }
});
