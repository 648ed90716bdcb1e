// Reads and renders Java .properties files for the KCL daemon: parse to entries, override keys, write the effective file.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number where the entry starts. */
  readonly line: number;
}

/** Parses the subset of the java.util.Properties format that daemon files use: `key = value`, `key: value`, `#`/`!` comments, `\` continuations. */
export function parseProperties(text: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const start = index;
    let logical = (lines[index] ?? '').replace(/^\s+/, '');
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(logical) && index + 1 < lines.length) {
      index += 1;
      logical = logical.slice(0, -1) + (lines[index] ?? '').replace(/^\s+/, '');
    }
    const match = /^((?:[^\s=:\\]|\\.)+)\s*[=:]?\s*(.*)$/.exec(logical);
    if (match === null) continue;
    entries.push({ key: unescape(match[1] ?? ''), value: unescape((match[2] ?? '').replace(/\s+$/, '')), line: start + 1 });
  }
  return entries;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, (_all, char: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f' })[char] ?? char);
}

/** The last value of each key, as java.util.Properties keeps it. */
export function propertiesToMap(entries: readonly PropertyEntry[]): Map<string, string> {
  return new Map(entries.map((entry) => [entry.key, entry.value]));
}

export function readPropertiesFile(file: string): Map<string, string> {
  return propertiesToMap(parseProperties(fs.readFileSync(file, 'utf8')));
}

/**
 * Rewrites `template` with `overrides`: a key already set keeps its line and comment context, a new key is appended.
 * Values are written as-is (no escaping), so they must not contain newlines.
 */
export function renderProperties(template: string, overrides: Readonly<Record<string, string>>): string {
  const pending = new Map(Object.entries(overrides));
  for (const [key, value] of pending) {
    if (/[\r\n]/.test(value) || /[\r\n]/.test(key)) throw new Error(`property ${key} has a line break in its key or value`);
  }
  const lines = template.split(/\r?\n/).map((line) => {
    const match = /^\s*([^\s#!=:]+)\s*[=:]/.exec(line);
    const key = match?.[1];
    if (key === undefined || !pending.has(key)) return line;
    const value = pending.get(key) ?? '';
    pending.delete(key);
    return `${key} = ${value}`;
  });
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (pending.size > 0) lines.push('', '# Set for this run');
  for (const [key, value] of pending) lines.push(`${key} = ${value}`);
  return `${lines.join('\n')}\n`;
}

/** Renders `templateFile` with `overrides` into `outputFile` (folders created) and returns `outputFile`. */
export function writeEffectiveProperties(templateFile: string, outputFile: string, overrides: Readonly<Record<string, string>>): string {
  const text = renderProperties(fs.readFileSync(templateFile, 'utf8'), overrides);
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, text);
  return outputFile;
}
