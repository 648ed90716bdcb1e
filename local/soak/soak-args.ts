// Parses `--flag value` options for the soak commands: one error listing every problem, --help and --json.
import { ConfigError } from '../../common/errors';

export type FlagKind = 'integer' | 'boolean' | 'string';

/** Parses argv against `spec` (flag -> kind) over `defaults`; throws one ConfigError naming every bad option. */
export function parseFlags<T extends Record<string, number | boolean | string>>(
  subject: string,
  argv: readonly string[],
  spec: Readonly<Record<string, [keyof T & string, FlagKind]>>,
  defaults: T,
): T {
  const values: Record<string, number | boolean | string> = { ...defaults };
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = (argv[i] ?? '').split('=', 2) as [string, string | undefined];
    const entry = spec[flag];
    if (entry === undefined) {
      problems.push(`unknown option ${flag} (see --help)`);
      continue;
    }
    const [key, kind] = entry;
    if (kind === 'boolean') {
      values[key] = true;
      continue;
    }
    const text = inline ?? argv[++i];
    if (text === undefined) {
      problems.push(`${flag} needs a value`);
      continue;
    }
    if (kind === 'string') {
      values[key] = text;
      continue;
    }
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) {
      problems.push(`${flag} must be a whole number >= 0, got "${text}"`);
      continue;
    }
    values[key] = n;
  }
  if (problems.length > 0) throw new ConfigError(subject, problems);
  return values as T;
}
