// Mocha hooks for e2e suites that share one soak stack: started before the suite with local dummy keys, stopped after, its folder removed.
import * as fs from 'node:fs';
import { createRunFolder } from '../../local/demo/demo-run';
import { LOCAL_ACCESS_KEY } from '../../common/aws/local-or-cloud';
import { SOAK_BUCKET } from '../../local/soak/soak-pipeline';
import { startSoakStack, type SoakStack } from '../../local/soak/soak-stack';

export interface SoakStackHandle {
  /** The run folder (stand-in data and logs); kept when KEEP_E2E_DIR is set. */
  readonly dir: string;
  /** The started stack; throws when called before the `before` hook ran. */
  stack(): SoakStack;
}

/** Registers before/after hooks in the calling `describe` and returns a handle to the stack they start. */
export function useSoakStack(): SoakStackHandle {
  const dir = createRunFolder();
  let started: SoakStack | undefined;
  before(async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY });
    started = await startSoakStack(dir, [SOAK_BUCKET]);
  });
  after(async () => {
    await started?.stop();
    if (process.env.KEEP_E2E_DIR === undefined) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    stack: () => {
      if (started === undefined) throw new Error('the soak stack is not started (used outside a test?)');
      return started;
    },
  };
}
