// The manual's Markdown files: README.md and every docs/*.md chapter, as paths relative to the repository root.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** README.md first, then docs/*.md in name order; `root` is the repository root. */
export function manualFiles(root: string): string[] {
  const chapters = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...chapters];
}
