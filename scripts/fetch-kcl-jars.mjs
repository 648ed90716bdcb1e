// Fetches the KCL MultiLangDaemon jars listed in kcl/pom.xml into kcl/jars with mvn, once: cached by the pom's hash.
// Runs before the TypeScript build (plain Node ESM). Exit codes: 0 ready, 1 mvn failed, 2 java or mvn missing, 64 bad usage.
/* global process, console */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pomFile = path.join(root, 'kcl', 'pom.xml');
const jarsDir = path.join(root, 'kcl', 'jars');
const stagingDir = path.join(root, 'kcl', 'target', 'jars-staging');
const logFile = path.join(root, 'kcl', 'target', 'mvn.log');
const stampFile = path.join(jarsDir, '.pom-sha256');

const usage = 'usage: node scripts/fetch-kcl-jars.mjs [--force] [--quiet]';
const args = process.argv.slice(2);
const unknown = args.filter((a) => !['--force', '--quiet', '--help'].includes(a));
if (args.includes('--help')) { console.log(usage); process.exit(0); }
if (unknown.length > 0) { console.error(`fetch-kcl-jars: unknown option(s) ${unknown.join(' ')}\n${usage}`); process.exit(64); }
const force = args.includes('--force');
const quiet = args.includes('--quiet');
const say = (line) => { if (!quiet) console.error(`kcl-jars: ${line}`); };

const pom = fs.readFileSync(pomFile);
const pomHash = createHash('sha256').update(pom).digest('hex');
const expectedJars = (pom.toString('utf8').match(/<dependency>/g) ?? []).length;

function jarCount(dir) {
  try { return fs.readdirSync(dir).filter((name) => name.endsWith('.jar')).length; } catch { return 0; }
}

function upToDate() {
  try { return fs.readFileSync(stampFile, 'utf8').trim() === pomHash && jarCount(jarsDir) === expectedJars; } catch { return false; }
}

function requireTool(command, versionArgs, hint) {
  const probe = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) {
    console.error(`fetch-kcl-jars: \`${command}\` was not found or does not run. ${hint}`);
    process.exit(2);
  }
}

if (!force && upToDate()) {
  say(`${expectedJars} jars in kcl/jars are up to date with kcl/pom.xml`);
  process.exit(0);
}
requireTool('java', ['-version'], 'The KCL MultiLangDaemon needs Java 8 or later (17 recommended): install a JDK and put java on PATH.');
requireTool('mvn', ['-v'], 'Maven fetches the KCL jars once: install Maven 3 (for example `apt-get install maven`) and put mvn on PATH.');

fs.rmSync(stagingDir, { recursive: true, force: true });
fs.mkdirSync(path.dirname(logFile), { recursive: true });
const log = fs.createWriteStream(logFile);
say(`fetching ${expectedJars} jars with mvn (first time only; log in ${path.relative(root, logFile)})`);
const started = Date.now();
const mvn = spawn('mvn', ['-B', '-f', pomFile, 'dependency:copy-dependencies', '-DexcludeTransitive=true', `-DoutputDirectory=${stagingDir}`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
let downloaded = 0;
let lastShown = 0;
let pending = '';
const onData = (chunk) => {
  log.write(chunk);
  pending += chunk.toString('utf8');
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (line.includes('Downloaded from')) downloaded += 1;
  if (downloaded - lastShown >= 100) { lastShown = downloaded; say(`${downloaded} files downloaded...`); }
};
mvn.stdout.on('data', onData);
mvn.stderr.on('data', onData);
mvn.on('close', (code) => {
  log.end();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const copied = jarCount(stagingDir);
  if (code !== 0 || copied !== expectedJars) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('ERROR')).slice(-8).join('\n');
    console.error(`fetch-kcl-jars: mvn failed (exit ${code}, ${copied}/${expectedJars} jars) after ${seconds}s; see ${logFile}\n${tail}`);
    process.exit(1);
  }
  fs.rmSync(jarsDir, { recursive: true, force: true });
  fs.renameSync(stagingDir, jarsDir);
  fs.writeFileSync(stampFile, `${pomHash}\n`);
  say(`${copied} jars ready in kcl/jars (${downloaded} files downloaded, ${seconds}s)`);
  process.exit(0);
});
