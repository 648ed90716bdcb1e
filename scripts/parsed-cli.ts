// Entry of the long-running local CLIs (demo, chaos, reshard-soak): parse or exit 2 with usage, --help exits 0, run, exit with its code.
import { ConfigError } from '../common/errors';

/**
 * Parses the arguments with `parse` (a ConfigError lists every problem: printed with the usage, exit 2), prints the usage
 * on `--help` (exit 0), otherwise runs `main` and exits with its code (1 when it throws, with `<name> failed: why`).
 */
export function runParsedCli<A extends { readonly help: boolean }>(
  name: string,
  usage: string,
  parse: () => A,
  main: (args: A) => Promise<number>,
): void {
  let parsed: A;
  try {
    parsed = parse();
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n\n${usage}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  main(parsed).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
