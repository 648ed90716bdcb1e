// Fetches the KCL jars (daemon/fetch-kcl-jars.mjs, Maven) when they are missing, as `npm start` and `npm run demo` both need them.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { jarsPresent } from './kcl-daemon';
import { REPO_ROOT } from '../common/repo-root';
import { DEFAULT_KCL_GENERATION, type KclGeneration } from './kcl-generation';

/** True when the jars of `generation` are present afterwards; the fetch prints its own progress on stderr. */
export function ensureKclJars(generation: KclGeneration = DEFAULT_KCL_GENERATION): boolean {
  if (jarsPresent(generation)) return true;
  return (
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'daemon', 'fetch-kcl-jars.mjs'), '--kcl', String(generation)], {
      stdio: ['ignore', process.stderr, 'inherit'],
    }).status === 0
  );
}
