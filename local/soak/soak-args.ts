// Parses `--flag value` options for the soak commands (node:util parseArgs): one error listing every problem, --help and --json.
import { ConfigError } from '../../common/errors';
import { parseOptions, type OptionSpec } from '../../common/config/parse-options';

export type FlagKind = 'integer' | 'boolean' | 'string';

/** Parses argv against `spec` (flag -> kind) over `defaults`; throws one ConfigError naming every bad option. */
export function parseFlags<T extends Record<string, number | boolean | string>>(
  subject: string,
  argv: readonly string[],
  spec: Readonly<Record<string, [keyof T & string, FlagKind]>>,
  defaults: T,
): T {
  // `--name` flags are options; a `-x` flag is the short form of the long flag with the same key.
  const long = Object.entries(spec).filter(([flag]) => flag.startsWith('--'));
  const options: OptionSpec = {};
  for (const [flag, [key, kind]] of long) {
    const short = Object.entries(spec).find(([f, [k]]) => /^-[A-Za-z]$/.test(f) && k === key)?.[0];
    options[flag.slice(2)] = {
      type: kind === 'boolean' ? 'boolean' : 'string',
      ...(short === undefined ? {} : { short: short.slice(1) }),
    };
  }
  const parsed = parseOptions(argv, options);
  const values: Record<string, number | boolean | string> = { ...defaults };
  const problems = [...parsed.problems];
  for (const [flag, [key, kind]] of long) {
    const value = parsed.values[flag.slice(2)];
    if (value === undefined) continue;
    if (kind !== 'integer') {
      values[key] = value;
      continue;
    }
    const n = Number(value);
    if (typeof value !== 'string' || !Number.isInteger(n) || n < 0) {
      problems.push(`${flag} must be a whole number >= 0, got "${String(value)}"`);
      continue;
    }
    values[key] = n;
  }
  if (problems.length > 0) throw new ConfigError(subject, problems);
  return values as T;
}
