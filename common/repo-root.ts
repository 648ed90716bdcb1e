// Where the project's root is (the folder that holds package.json), found from this file, so no file counts '..' to it.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`no package.json above ${start}: run from the project (or the image's /app)`);
  }
}

/**
 * The project root: the repository in a checkout (this file runs as dist/common/repo-root.js), /app in the worker
 * image (stage-app.sh copies package.json there). Paths to dist/, properties/, daemon jars and test fixtures start here.
 */
export const REPO_ROOT = findRoot(__dirname);
