// Checks a KCL daemon properties file: required keys, known keys (nearest suggestion for typos), value types, the executable.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readAsDaemon, type PropertyEntry } from './java-properties';
import { NESTED_PREFIXES, normaliseKey, type KeySpec } from './kcl-property-keys';
import { ignoredByGeneration, keysFor, otherGenerationNote } from './generation-keys';
import type { KclGeneration } from '../kcl-generation';
import { nearest } from './nearest-name';

export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  readonly key?: string;
  readonly line?: number;
  readonly message: string;
}

export interface ValidationContext {
  /** The daemon's working folder: relative paths in executableName resolve here. */
  readonly cwd: string;
  /** PATH to search for the executable's first word. */
  readonly searchPath: string;
  /** The KCL generation the file is for: its key table decides what is known and what is ignored (default 2). */
  readonly generation?: KclGeneration;
}

const REQUIRED = ['executableName', 'applicationName', 'awsCredentialsProvider'] as const;

/** Everything the daemon would do with the file's bytes: how it loads them (BOM, ISO-8859-1, syntax), then keys and values. */
export function validatePropertiesBytes(bytes: Buffer, context: ValidationContext): Finding[] {
  const view = readAsDaemon(bytes);
  return [...view.notes, ...validateProperties(view.entries, context)];
}

export function validateProperties(entries: readonly PropertyEntry[], context: ValidationContext): Finding[] {
  const findings: Finding[] = [];
  const values = new Map<string, PropertyEntry>();
  const generation = context.generation ?? 2;
  const keys = keysFor(generation);
  for (const entry of entries) {
    const key = normaliseKey(entry.key);
    if (values.has(key))
      findings.push({
        severity: 'warning',
        key: entry.key,
        line: entry.line,
        message: `set again (line ${values.get(key)?.line ?? '?'} is overridden)`,
      });
    values.set(key, entry);
    const spec = keys[key];
    if (spec === undefined) {
      if (NESTED_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
      const note = otherGenerationNote(key, generation);
      if (note !== undefined) {
        findings.push({ severity: 'error', key: entry.key, line: entry.line, message: note });
        continue;
      }
      const suggestion = nearest(key, Object.keys(keys));
      findings.push({
        severity: 'error',
        key: entry.key,
        line: entry.line,
        message: `unknown key: the daemon ignores it silently${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`,
      });
      continue;
    }
    findings.push(...checkValue(entry, spec));
  }
  for (const key of REQUIRED) {
    if (!values.has(key)) findings.push({ severity: 'error', key, message: 'required key is missing' });
  }
  if (!values.has('streamName') && !values.has('streamArn'))
    findings.push({ severity: 'error', key: 'streamName', message: 'streamName or streamArn is required' });
  const executable = values.get('executableName');
  if (executable !== undefined) findings.push(...checkExecutable(executable, context));
  findings.push(...ignoredByGeneration(values, generation).map((f) => ({ severity: 'warning' as const, ...f })));
  findings.push(...adviseOnDefaults(values));
  return findings;
}

/**
 * Blanks outside ASCII: everything JavaScript's \s matches beyond space, tab and form feed (U+00A0 no-break space,
 * U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF) plus the zero-width U+200B-U+200D and U+2060.
 * Java's String.trim() removes only characters up to U+0020, and Properties strips only leading ASCII blanks, so the
 * daemon keeps these at either end of any value, numbers included.
 */
const UNICODE_BLANK = /(?![ \t\f])[\s\u200B-\u200D\u2060]/;
const UNICODE_BLANK_AT_END = new RegExp(`(?:${UNICODE_BLANK.source})+$`);
const UNICODE_BLANK_AT_START = new RegExp(`^(?:${UNICODE_BLANK.source})+`);

/** `U+00A0` for the first character of `text`. */
function codePointName(text: string): string {
  return `U+${(text.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** An error for a value that starts or ends in a non-ASCII blank (typed or pasted, or a UTF-8 U+00A0 read as ISO-8859-1). */
function unicodeBlankFinding(entry: PropertyEntry): Finding | undefined {
  const end = UNICODE_BLANK_AT_END.exec(entry.value);
  const start = end === null ? UNICODE_BLANK_AT_START.exec(entry.value) : null;
  const found = end ?? start;
  if (found === null) return undefined;
  const where = end !== null ? 'ends' : 'starts';
  const name = codePointName(found[0]);
  return {
    severity: 'error',
    key: entry.key,
    line: entry.line,
    message: `value ${JSON.stringify(entry.value)} ${where} in ${name}${name === 'U+00A0' ? ' (no-break space)' : ''}, an invisible blank the daemon keeps as part of the value`,
  };
}

function checkValue(entry: PropertyEntry, spec: KeySpec): Finding[] {
  const at = { key: entry.key, line: entry.line };
  const unicodeBlank = unicodeBlankFinding(entry);
  if (unicodeBlank !== undefined) return [unicodeBlank];
  // Properties keeps trailing blanks; the daemon's number converters trim them, its strings and enums do not.
  const blanks = /[ \t\f]+$/.test(entry.value);
  const numeric = spec.kind === 'integer' || spec.kind === 'number';
  const value = numeric ? entry.value.replace(/^[ \t\f]+|[ \t\f]+$/g, '') : entry.value;
  if (blanks && !numeric && entry.key !== 'executableName') {
    return [
      {
        severity: 'error',
        ...at,
        message: `value ${JSON.stringify(entry.value)} ends in blanks, which the daemon keeps as part of the value`,
      },
    ];
  }
  if (value === '') return [{ severity: 'error', ...at, message: 'empty value' }];
  if (spec.kind === 'number' && !Number.isFinite(Number(value)))
    return [{ severity: 'error', ...at, message: `must be a number, got "${value}"` }];
  if (spec.kind === 'integer' && !/^-?\d+$/.test(value))
    return [{ severity: 'error', ...at, message: `must be an integer, got "${value}"` }];
  if (spec.kind === 'boolean' && !/^(true|false)$/i.test(value))
    return [{ severity: 'error', ...at, message: `must be true or false, got "${value}"` }];
  if (spec.kind === 'enum' && !(spec.values ?? []).includes(value.toUpperCase())) {
    return [{ severity: 'error', ...at, message: `must be one of ${(spec.values ?? []).join(', ')}, got "${value}"` }];
  }
  if (spec.noEffect === true)
    return [
      { severity: 'warning', ...at, message: 'accepted by the 2.7.2 configurator but used by nothing: no effect' },
    ];
  if (spec.primitive === true && (Number(value) === 0 || /^false$/i.test(value))) {
    return [
      {
        severity: 'warning',
        ...at,
        message: `${value} is the Java default, which the daemon treats as "not set": the KCL default applies`,
      },
    ];
  }
  return [];
}

function checkExecutable(entry: PropertyEntry, context: ValidationContext): Finding[] {
  const at = { key: entry.key, line: entry.line };
  const words = entry.value.split(' ').filter((word) => word !== '');
  const [command, ...args] = words;
  if (command === undefined) return [];
  const findings: Finding[] = [];
  if (/["']/.test(entry.value))
    findings.push({
      severity: 'error',
      ...at,
      message: 'quotes are passed literally: the daemon splits on spaces without a shell',
    });
  if (!resolveCommand(command, context))
    findings.push({ severity: 'error', ...at, message: `"${command}" is neither a file nor on PATH` });
  for (const arg of args) {
    if (!/\.(c|m)?js$|\//.test(arg) || arg.startsWith('-')) continue;
    if (!fs.existsSync(path.resolve(context.cwd, arg)))
      findings.push({
        severity: 'error',
        ...at,
        message: `"${arg}" does not exist relative to ${context.cwd} (build first: npm run build)`,
      });
  }
  return findings;
}

function resolveCommand(command: string, context: ValidationContext): boolean {
  if (command.includes('/')) return fs.existsSync(path.resolve(context.cwd, command));
  return context.searchPath.split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, command)));
}

function adviseOnDefaults(values: ReadonlyMap<string, PropertyEntry>): Finding[] {
  const findings: Finding[] = [];
  const mode = values.get('retrievalMode')?.value.toUpperCase();
  if (mode === undefined || mode === 'DEFAULT') {
    findings.push({
      severity: 'warning',
      key: 'retrievalMode',
      message: 'not POLLING or FANOUT: the daemon picks enhanced fan-out unless a polling key is set',
    });
  }
  const grace = values.get('shutdownGraceMillis')?.value;
  if (grace === undefined || Number(grace) <= 0) {
    findings.push({
      severity: 'warning',
      key: 'shutdownGraceMillis',
      message: 'unset or 0: on SIGTERM the daemon exits at once, without asking processors to checkpoint',
    });
  }
  if (mode === 'FANOUT' && values.has('idleTimeBetweenReadsInMillis')) {
    findings.push({
      severity: 'warning',
      key: 'idleTimeBetweenReadsInMillis',
      message: 'polling key has no effect with retrievalMode = FANOUT',
    });
  }
  return findings;
}
