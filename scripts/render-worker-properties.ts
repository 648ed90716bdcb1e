// Worker image step: renders the daemon properties from the environment, validates them, prints the file's path and the jars folder. Exit 0 ok, 1 invalid.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../common/errors';
import { parseProperties, renderProperties } from '../daemon/kcl-properties/properties-file';
import { validateProperties, type Finding } from '../daemon/kcl-properties/properties-validator';
import { kclJarsDir } from '../daemon/kcl-generation';
import { readWorkerProperties, taskIdFromArn } from '../daemon/kcl-properties/worker-properties';
import { REPO_ROOT } from '../common/repo-root';

const METADATA_TIMEOUT_MS = 2_000;

/** The ECS task id from the task metadata endpoint (v4), when running on ECS; else the host name. */
async function defaultWorkerId(env: NodeJS.ProcessEnv): Promise<string> {
  const uri = env.ECS_CONTAINER_METADATA_URI_V4;
  if (uri === undefined || uri === '') return os.hostname();
  try {
    const response = await fetch(`${uri}/task`, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS) });
    const body = (await response.json()) as { TaskARN?: unknown };
    return taskIdFromArn(body.TaskARN) ?? os.hostname();
  } catch {
    process.stderr.write('render-worker-properties: ECS task metadata unreadable; worker id is the host name\n');
    return os.hostname();
  }
}

function describe(finding: Finding): string {
  return `  ${finding.severity} ${finding.key ?? ''}${finding.line === undefined ? '' : `:${finding.line}`} ${finding.message}`;
}

async function main(): Promise<number> {
  let settings;
  try {
    settings = readWorkerProperties(process.env, await defaultWorkerId(process.env));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`render-worker-properties: ${error.message}\n`);
    return 1;
  }
  const template = path.resolve(REPO_ROOT, settings.template);
  if (!fs.existsSync(template)) {
    process.stderr.write(
      `render-worker-properties: no properties template ${template} for KCL generation ${settings.generation}\n`,
    );
    return 1;
  }
  const text = renderProperties(fs.readFileSync(template, 'utf8'), settings.overrides);
  const findings = validateProperties(parseProperties(text), {
    cwd: REPO_ROOT,
    searchPath: process.env.PATH ?? '',
    generation: settings.generation,
  });
  const errors = findings.filter((finding) => finding.severity === 'error');
  for (const finding of findings) process.stderr.write(`${describe(finding)}\n`);
  if (errors.length > 0) {
    process.stderr.write(
      `render-worker-properties: ${errors.length} error(s) in the properties rendered from ${settings.template}; the daemon is not started\n`,
    );
    return 1;
  }
  const jarsDir =
    settings.jarsDir === undefined ? kclJarsDir(settings.generation) : path.resolve(REPO_ROOT, settings.jarsDir);
  if (!fs.existsSync(jarsDir)) {
    process.stderr.write(
      `render-worker-properties: no KCL jars in ${jarsDir} for KCL generation ${settings.generation}\n`,
    );
    return 1;
  }
  const output = path.resolve(REPO_ROOT, settings.outputFile);
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, text);
  // Two lines for entrypoint.sh: the properties file, then the jars folder.
  process.stdout.write(`${output}\n${jarsDir}\n`);
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
