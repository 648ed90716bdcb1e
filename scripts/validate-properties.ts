// CLI: validates KCL daemon properties files (npm run validate-properties -- [--kcl 2|3] [--json] [--strict] <file>...). Exit 0 valid, 1 problems, 2 usage.
import * as fs from 'node:fs';
import { readAsDaemon, toMap } from '../daemon/kcl-properties/java-properties';
import { validatePropertiesBytes, type Finding } from '../daemon/kcl-properties/properties-validator';
import { kclGenerationFromEnv, parseKclGeneration, type KclGeneration } from '../daemon/kcl-generation';
import { REPO_ROOT } from '../common/repo-root';
import { parseOptions } from '../common/config/parse-options';
import { ConfigError } from '../common/errors';
import { parseCli, runCliEntry, type EntryDeps } from './cli-entry';

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

interface ValidateArgs {
  readonly generation: KclGeneration;
  readonly json: boolean;
  readonly strict: boolean;
  readonly files: readonly string[];
  readonly help: boolean;
}

function parseValidateArgs(argv: readonly string[], env: NodeJS.ProcessEnv): ValidateArgs {
  const parsed = parseOptions(
    argv,
    { kcl: { type: 'string' }, json: { type: 'boolean' }, strict: { type: 'boolean' }, help: { type: 'boolean' } },
    { allowPositionals: true },
  );
  const problems = [...parsed.problems];
  const help = parsed.values.help === true;
  const kclText = parsed.values.kcl;
  let generation: KclGeneration | undefined;
  try {
    generation = typeof kclText === 'string' ? parseKclGeneration(kclText) : kclGenerationFromEnv(env);
  } catch (error: unknown) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (!help && parsed.positionals.length === 0) problems.push('give at least one properties file');
  if (generation === undefined && problems.length === 0) problems.push('--kcl must be 2 or 3');
  if (problems.length > 0 || generation === undefined) throw new ConfigError('validate-properties', problems);
  return {
    generation,
    json: parsed.values.json === true,
    strict: parsed.values.strict === true,
    files: parsed.positionals,
    help,
  };
}

async function main(argv: readonly string[], deps: EntryDeps): Promise<number> {
  const parsed = parseCli(
    USAGE,
    deps,
    () => parseValidateArgs(argv, deps.env),
    (args) => args.help,
  );
  if (parsed.exit !== undefined) return parsed.exit;
  const { generation, json, strict, files } = parsed.args;
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

runCliEntry('validate-properties', main, { localOrCloud: false, abortOnSignal: false });
