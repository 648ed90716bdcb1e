// Deletes compiled files in dist/ whose TypeScript source is gone (moved or removed): tsc never does, and mocha's globs would run them.
// Runs before every build (plain Node ESM, no dependencies). Exit 0 always, unless dist/ cannot be read.
/* global process, console */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const OUTPUT = /(\.d\.ts|\.js\.map|\.js)$/;

/** dist/a/b.js (or .js.map, .d.ts) -> a/b.ts: the source tsc compiled it from (rootDir is the repository). */
function sourceOf(file) {
  const relative = path.relative(dist, file).replace(OUTPUT, '');
  return path.join(root, `${relative}.ts`);
}

let removed = 0;
function prune(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(full);
      if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    } else if (OUTPUT.test(entry.name) && !fs.existsSync(sourceOf(full))) {
      fs.rmSync(full);
      removed += 1;
    }
  }
}

if (fs.existsSync(dist)) prune(dist);
if (removed > 0 && !process.argv.includes('--quiet'))
  console.error(`prune-dist: removed ${removed} compiled file(s) whose source is gone`);
