// Command-line options through node:util parseArgs, with every problem collected (unknown option, missing value, stray argument) instead of the first thrown.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedOptions {
  /** By option name (without `--`); absent when not given; the last one wins when given twice. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
  /** One line per problem, to report together (ConfigError). */
  readonly problems: readonly string[];
}

/**
 * parseArgs with `tokens`, not `strict`: an unknown option, a string option without a value, a value given to a
 * boolean flag and (unless allowed) a positional argument each become a problem, so a CLI can list them all at once.
 */
export function parseOptions(
  argv: readonly string[],
  options: OptionSpec,
  config: { readonly allowPositionals?: boolean } = {},
): ParsedOptions {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const problems: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'option') {
      const spec = options[token.name];
      if (spec === undefined) problems.push(`unknown option ${token.rawName} (see --help)`);
      else if (spec.type === 'string' && token.value === undefined) problems.push(`${token.rawName} needs a value`);
      else if (spec.type === 'boolean' && token.inlineValue === true) problems.push(`${token.rawName} takes no value`);
    } else if (token.kind === 'positional' && config.allowPositionals !== true) {
      problems.push(`unexpected argument "${token.value}" (see --help)`);
    }
  }
  const known: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(options)) {
    const value = values[name];
    if (typeof value === 'string' || typeof value === 'boolean') known[name] = value;
  }
  return { values: known, positionals, problems };
}
