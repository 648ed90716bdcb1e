// End-to-end: the short CI version of `npm run demo -- --consumer lambda` (the Lambda handler behind the local event source mapping).
import * as fs from 'node:fs';
import { expect } from 'chai';
import { NullLogger } from '../../common/logger';
import { useLocalCredentials } from '../../common/aws/local-or-cloud';
import { DEMO_DEFAULTS } from '../../local/demo/demo-args';
import { createRunFolder, runDemo } from '../../local/demo/demo-run';

describe('e2e: demo with the Lambda consumer (short)', function () {
  this.timeout(300_000);
  let dir = '';
  before(() => {
    // The stand-ins take dummy keys; real credentials of this shell are never sent to them.
    useLocalCredentials(process.env);
    dir = createRunFolder();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('archives and loads every traced tweet exactly once, with the identities of the KCL path', async () => {
    const outcome = await runDemo({
      args: {
        ...DEMO_DEFAULTS,
        consumer: 'lambda',
        records: 300,
        shards: 2,
        rate: 150,
        bursts: 0,
        timeoutSeconds: 240,
      },
      logger: new NullLogger(),
      progress: () => undefined,
      signal: new AbortController().signal,
      dir,
    });
    const r = outcome.reconciliation;
    const why = JSON.stringify({ failure: outcome.failure, ...r, details: undefined });
    expect(outcome.failure, why).to.equal(undefined);
    expect(r.produced, why).to.equal(300);
    expect(r.archived, why).to.equal(300);
    expect(r.loaded, why).to.equal(300);
    expect(r.duplicates, why).to.equal(0);
    expect(r.missing, why).to.equal(0);
    expect(r.details.identityMismatches, why).to.deep.equal([]);
  });
});
