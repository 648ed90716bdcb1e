// Every relative link of README.md and docs/*.md reaches a file of the repository, a `#anchor` into a chapter names one of its headings, and every source file the manual names in code font exists.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../../../common/repo-root';
import { manualFiles } from '../../../../scripts/docs/manual-files';

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors of a Markdown file's headings (outside fenced code). */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = /^#{1,6} (.*)$/.exec(line);
    if (!fenced && heading !== null) found.add(slug(heading[1] ?? ''));
  }
  return found;
}

describe('the links of the manual', () => {
  it('reach existing files and headings', () => {
    const problems: string[] = [];
    for (const file of manualFiles(REPO_ROOT)) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      text.split('\n').forEach((line, index) => {
        for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
          const target = match[1] ?? '';
          if (/^[a-z]+:/.test(target)) continue; // http:, https:, mailto:
          const [pathPart = '', anchor] = target.split('#');
          const resolved = pathPart === '' ? file : path.join(path.dirname(file), pathPart);
          const full = path.join(REPO_ROOT, resolved);
          if (!fs.existsSync(full)) {
            problems.push(`${file}:${index + 1}: ${target}: no such file`);
            continue;
          }
          if (anchor !== undefined && resolved.endsWith('.md') && !anchors(fs.readFileSync(full, 'utf8')).has(anchor))
            problems.push(`${file}:${index + 1}: ${target}: no such heading`);
        }
      });
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });

  it('names only source files that exist (`folder/file.ext` in code font, from the repository root)', () => {
    const problems: string[] = [];
    for (const file of manualFiles(REPO_ROOT)) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      text.split('\n').forEach((line, index) => {
        for (const match of line.matchAll(/`([a-z][a-z0-9_-]*\/[A-Za-z0-9_./-]*\.[a-z]+)`/g)) {
          const named = match[1] ?? '';
          if (named.startsWith('dist/')) continue; // built, not kept
          if (!fs.existsSync(path.join(REPO_ROOT, named)))
            problems.push(`${file}:${index + 1}: ${named}: no such file`);
        }
      });
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
