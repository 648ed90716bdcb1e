// Keeps a local copy of some prefixes of a bucket for DuckDB: downloads new or changed objects, removes vanished ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BucketStore } from '../curated-bucket';

export interface MirrorResult {
  readonly downloaded: number;
  readonly unchanged: number;
  readonly removed: number;
  readonly bytes: number;
}

/**
 * Mirrors every object under `prefixes` into `directory/<key>`. A file is current when its size and modification
 * time match the object's (the time is set from S3's LastModified after each download). DuckDB then reads the files
 * with its built-in Parquet and JSON readers: no extension is downloaded, and no S3 credentials reach DuckDB.
 */
export async function mirrorPrefixes(
  store: BucketStore,
  prefixes: readonly string[],
  directory: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<MirrorResult> {
  const objects = (await Promise.all(prefixes.map((prefix) => store.list(prefix)))).flat();
  const wanted = new Set<string>();
  let downloaded = 0;
  let unchanged = 0;
  let bytes = 0;
  const root = path.resolve(directory);
  for (const [i, object] of objects.entries()) {
    const file = path.resolve(root, ...object.key.split('/'));
    // A key such as `a/../../x` must not write outside the mirror.
    if (!file.startsWith(root + path.sep)) continue;
    wanted.add(file);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    const modified = new Date(object.lastModifiedMs);
    if (stat !== undefined && stat.size === object.sizeBytes && stat.mtimeMs === modified.getTime()) {
      unchanged += 1;
    } else {
      const body = await store.get(object.key);
      if (body === undefined) continue;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
      fs.utimesSync(file, modified, modified);
      downloaded += 1;
      bytes += body.length;
    }
    onProgress(i + 1, objects.length);
  }
  let removed = 0;
  for (const prefix of prefixes) {
    for (const file of filesUnder(path.resolve(root, ...prefix.split('/').filter((part) => part !== ''))))
      if (!wanted.has(path.resolve(file))) {
        fs.rmSync(file);
        removed += 1;
      }
  }
  return { downloaded, unchanged, removed, bytes };
}

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}
