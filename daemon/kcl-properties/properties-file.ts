// Reads and renders Java .properties files for the KCL daemon: parse to entries, override keys, write the effective file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJavaProperties, toMap, type PropertyEntry } from './java-properties';

export type { PropertyEntry } from './java-properties';

/** Parses .properties text with java.util.Properties rules (see java-properties.ts). */
export function parseProperties(text: string): PropertyEntry[] {
  return parseJavaProperties(text);
}

/** The last value of each key, as java.util.Properties keeps it. */
export function propertiesToMap(entries: readonly PropertyEntry[]): Map<string, string> {
  return toMap(entries);
}

/** The file's keys and values as the daemon reads them (ISO-8859-1 bytes); throws on a file the daemon cannot load. */
export function readPropertiesFile(file: string): Map<string, string> {
  return toMap(parseJavaProperties(fs.readFileSync(file).toString('latin1')));
}

/**
 * Rewrites `template` with `overrides`: a key already set keeps its line and comment context, a new key is appended.
 * Values are written as-is (no escaping), so they must not contain newlines.
 */
export function renderProperties(template: string, overrides: Readonly<Record<string, string>>): string {
  const pending = new Map(Object.entries(overrides));
  for (const [key, value] of pending) {
    if (/[\r\n]/.test(value) || /[\r\n]/.test(key))
      throw new Error(`property ${key} has a line break in its key or value`);
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
export function writeEffectiveProperties(
  templateFile: string,
  outputFile: string,
  overrides: Readonly<Record<string, string>>,
): string {
  const text = renderProperties(fs.readFileSync(templateFile, 'utf8'), overrides);
  fs.mkdirSync(path.dirname(outputFile), { recursive: true });
  fs.writeFileSync(outputFile, text);
  return outputFile;
}
