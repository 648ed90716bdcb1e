// Reads a .properties file exactly as the KCL MultiLangDaemon does: bytes as ISO-8859-1, then java.util.Properties.load rules.
import { PropertiesSyntaxError } from './properties-errors';

/** One key/value pair as java.util.Properties stores it, with the 1-based line where its logical line starts. */
export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/** A fact about how the daemon reads the file that the author may not expect (BOM, non-ASCII bytes, ...). */
export interface LoadNote {
  readonly severity: 'error' | 'warning';
  readonly line?: number;
  readonly key?: string;
  readonly message: string;
}

export interface DaemonView {
  /** Every entry in file order (a later entry of the same key wins, as in Properties). */
  readonly entries: readonly PropertyEntry[];
  readonly notes: readonly LoadNote[];
}

/**
 * What the daemon sees. MultiLangDaemonConfig.loadProperties opens the file as an InputStream and calls
 * `Properties.load(InputStream)`, which decodes ISO-8859-1 (source: awslabs/amazon-kinesis-client,
 * amazon-kinesis-client-multilang MultiLangDaemonConfig.java; java.util.Properties javadoc). So a UTF-8 byte-order
 * mark becomes the three characters U+00EF U+00BB U+00BF in front of the first key, and UTF-8 text becomes mojibake;
 * only \uXXXX escapes carry non-Latin-1 characters. A malformed \u escape throws: the daemon does not start.
 */
export function readAsDaemon(bytes: Buffer): DaemonView {
  const notes: LoadNote[] = [];
  const text = bytes.toString('latin1');
  const bom = bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]));
  if (bom) {
    notes.push({
      severity: 'error',
      line: 1,
      message:
        'the file starts with a UTF-8 byte-order mark: the daemon reads ISO-8859-1, so its first key gets "\u00ef\u00bb\u00bf" in front; save the file without a BOM',
    });
  }
  const nonAscii = firstNonAsciiLine(bom ? bytes.subarray(3) : bytes);
  if (nonAscii !== undefined) {
    notes.push({
      severity: 'warning',
      line: nonAscii,
      message:
        'non-ASCII bytes: the daemon reads the file as ISO-8859-1 (UTF-8 "ñ" becomes "Ã±"); write such characters as \\uXXXX',
    });
  }
  try {
    return { entries: parseJavaProperties(text), notes };
  } catch (error: unknown) {
    if (!(error instanceof PropertiesSyntaxError)) throw error;
    notes.push({
      severity: 'error',
      line: error.line,
      message: `the daemon cannot load the file (Properties.load throws): ${error.message}`,
    });
    return { entries: [], notes };
  }
}

const WHITESPACE = new Set([' ', '\t', '\f']);

/** Parses text with the rules of `java.util.Properties.load(Reader)`: natural lines, comments, continuations, separators, escapes. */
export function parseJavaProperties(text: string): PropertyEntry[] {
  const entries: PropertyEntry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index += 1) {
    const start = index;
    let logical = skipLeadingWhitespace(lines[index]);
    if (logical === '' || logical.startsWith('#') || logical.startsWith('!')) continue;
    // An odd number of trailing backslashes continues the line; the next line's leading whitespace is dropped.
    while (trailingBackslashes(logical) % 2 === 1) {
      logical = logical.slice(0, -1);
      if (index + 1 >= lines.length) break;
      index += 1;
      logical += skipLeadingWhitespace(lines[index]);
    }
    entries.push(splitEntry(logical, start + 1));
  }
  return entries;
}

/** The last value of each key, as java.util.Properties keeps it. */
export function toMap(entries: readonly PropertyEntry[]): Map<string, string> {
  return new Map(entries.map((entry) => [entry.key, entry.value]));
}

function splitEntry(logical: string, line: number): PropertyEntry {
  let keyEnd = 0;
  let escaped = false;
  for (; keyEnd < logical.length; keyEnd += 1) {
    const char = logical[keyEnd];
    if (escaped) {
      escaped = false;
      continue;
    }
    if (char === '\\') {
      escaped = true;
      continue;
    }
    if (char === '=' || char === ':' || WHITESPACE.has(char)) break;
  }
  let valueStart = keyEnd;
  while (valueStart < logical.length && WHITESPACE.has(logical[valueStart])) valueStart += 1;
  if (valueStart < logical.length && (logical[valueStart] === '=' || logical[valueStart] === ':')) {
    valueStart += 1;
    while (valueStart < logical.length && WHITESPACE.has(logical[valueStart])) valueStart += 1;
  }
  return { key: unescape(logical.slice(0, keyEnd), line), value: unescape(logical.slice(valueStart), line), line };
}

function unescape(text: string, line: number): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== '\\') {
      out += char;
      continue;
    }
    i += 1;
    const next = text[i] ?? '';
    if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(line, 'Malformed \\uxxxx encoding.');
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ({ t: '\t', n: '\n', r: '\r', f: '\f' } as Record<string, string>)[next] ?? next;
    }
  }
  return out;
}

function skipLeadingWhitespace(line: string | undefined): string {
  let i = 0;
  const text = line ?? '';
  while (i < text.length && WHITESPACE.has(text[i])) i += 1;
  return text.slice(i);
}

function trailingBackslashes(text: string): number {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i -= 1) count += 1;
  return count;
}

function firstNonAsciiLine(bytes: Buffer): number | undefined {
  let line = 1;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x0a) line += 1;
    else if (bytes[i] >= 0x80) return line;
  }
  return undefined;
}
