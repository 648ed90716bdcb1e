// CLI: validates KCL daemon properties files (npm run validate-properties -- [--kcl 2|3] [--json] [--strict] <file>...). Exit 0 valid, 1 problems, 2 usage.
import * as fs from 'node:fs';
import { readAsDaemon, toMap } from '../daemon/kcl-properties/java-properties';
import { validatePropertiesBytes, type Finding } from '../daemon/kcl-properties/properties-validator';
import { kclGenerationFromEnv, parseKclGeneration, type KclGeneration } from '../daemon/kcl-generation';
import { REPO_ROOT } from '../common/repo-root';

const USAGE =
  'usage: validate-properties [--kcl 2|3] [--json] [--strict] <file.properties>...  (--strict: warnings fail too; --kcl: the generation the file is for, default KCL_GENERATION, else 3)';

interface FileResult {
  readonly file: string;
  readonly ok: boolean;
  readonly findings: readonly Finding[];
  /** The keys and values as the daemon reads them (last value of each key), for automation. */
  readonly effective: Readonly<Record<string, string>>;
}

function validateFile(file: string, strict: boolean, generation: KclGeneration): FileResult {
  const bytes = fs.readFileSync(file);
  const findings = validatePropertiesBytes(bytes, { cwd: REPO_ROOT, searchPath: process.env.PATH ?? '', generation });
  const ok = !findings.some((finding) => finding.severity === 'error' || strict);
  return { file, ok, findings, effective: Object.fromEntries(toMap(readAsDaemon(bytes).entries)) };
}

function describe(finding: Finding): string {
  const where = finding.line === undefined ? '' : `:${finding.line}`;
  return `  ${finding.severity.padEnd(7)} ${finding.key ?? ''}${where} ${finding.message}`;
}

function main(args: readonly string[]): number {
  // --kcl takes a value: read it out first, so the rest stays flags and file names.
  const at = args.findIndex((arg) => arg === '--kcl' || arg.startsWith('--kcl='));
  const kclText = at < 0 ? undefined : args[at]?.includes('=') === true ? args[at]?.split('=')[1] : args[at + 1];
  const argv = at < 0 ? args : args.filter((_arg, i) => i !== at && (i !== at + 1 || args[at]?.includes('=') === true));
  let generation: KclGeneration | undefined;
  try {
    generation = kclText === undefined ? kclGenerationFromEnv(process.env) : parseKclGeneration(kclText);
  } catch (error: unknown) {
    process.stderr.write(`validate-properties: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (generation === undefined) {
    process.stderr.write(`validate-properties: --kcl must be 2 or 3\n${USAGE}\n`);
    return 2;
  }
  const json = argv.includes('--json');
  const strict = argv.includes('--strict');
  const files = argv.filter((arg) => !arg.startsWith('--'));
  const unknown = argv.filter((arg) => arg.startsWith('--') && !['--json', '--strict', '--help'].includes(arg));
  // An unknown option is refused even beside --help: a command that prints help is one that would run.
  if (unknown.length > 0) {
    process.stderr.write(`validate-properties: unknown option ${unknown.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  if (argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (files.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const missing = files.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    process.stderr.write(`validate-properties: no such file: ${missing.join(', ')}\n`);
    return 2;
  }
  const results = files.map((file) => validateFile(file, strict, generation));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: results.every((r) => r.ok), generation, files: results })}\n`);
  } else {
    for (const result of results) {
      process.stdout.write(`${result.ok ? 'ok  ' : 'FAIL'} ${result.file}\n`);
      for (const finding of result.findings) process.stdout.write(`${describe(finding)}\n`);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
