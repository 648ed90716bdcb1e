// Fetches the KCL MultiLangDaemon jars of each generation (daemon/kcl/<generation>/pom.xml) into daemon/kcl/jars/<kcl.version>/ with mvn, once: cached by the pom's hash.
// Runs before the TypeScript build (plain Node ESM). Exit codes: 0 ready, 1 mvn failed, 2 java or mvn missing, 64 bad usage.
/* global process, console */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KCL_DIR = path.join(root, 'daemon', 'kcl');
const GENERATIONS = ['2', '3'];

const usage =
  'usage: node daemon/fetch-kcl-jars.mjs [--kcl 2|3] [--force] [--quiet]\n(default: both generations; mvn reads Maven Central once, then ~/.m2)';
const args = process.argv.slice(2);
const problems = [];
let only;
for (let i = 0; i < args.length; i += 1) {
  const [flag, inline] = args[i].split('=', 2);
  if (flag === '--force' || flag === '--quiet' || flag === '--help') continue;
  if (flag === '--kcl') {
    only = inline ?? args[++i];
    if (!GENERATIONS.includes(only))
      problems.push(`--kcl must be ${GENERATIONS.join(' or ')}, got ${only === undefined ? 'nothing' : `"${only}"`}`);
    continue;
  }
  problems.push(`unknown option ${flag}`);
}
if (problems.length > 0) {
  console.error(`fetch-kcl-jars: ${problems.join('; ')}\n${usage}`);
  process.exit(64);
}
// Only after the problems: an unknown option is refused even beside --help.
if (args.includes('--help')) {
  console.log(usage);
  process.exit(0);
}
const force = args.includes('--force');
const quiet = args.includes('--quiet');
const say = (line) => {
  if (!quiet) console.error(`kcl-jars: ${line}`);
};

function jarCount(dir) {
  try {
    return fs.readdirSync(dir).filter((name) => name.endsWith('.jar')).length;
  } catch {
    return 0;
  }
}

/** What one generation's pom asks for: its file, hash, version (the <kcl.version> property) and number of jars. */
function describe(generation) {
  const pomFile = path.join(KCL_DIR, generation, 'pom.xml');
  const pom = fs.readFileSync(pomFile);
  const text = pom.toString('utf8');
  const version = /<kcl\.version>([^<]+)<\/kcl\.version>/.exec(text)?.[1];
  if (version === undefined) {
    console.error(`fetch-kcl-jars: ${pomFile} has no <kcl.version> property`);
    process.exit(1);
  }
  const jarsDir = path.join(KCL_DIR, 'jars', version);
  return {
    generation,
    pomFile,
    version,
    jarsDir,
    hash: createHash('sha256').update(pom).digest('hex'),
    expectedJars: (text.match(/<dependency>/g) ?? []).length,
    stampFile: path.join(jarsDir, '.pom-sha256'),
    stagingDir: path.join(KCL_DIR, 'target', `jars-staging-${version}`),
    logFile: path.join(KCL_DIR, 'target', `mvn-${version}.log`),
  };
}

function upToDate(g) {
  try {
    return fs.readFileSync(g.stampFile, 'utf8').trim() === g.hash && jarCount(g.jarsDir) === g.expectedJars;
  } catch {
    return false;
  }
}

function requireTool(command, versionArgs, hint) {
  const probe = spawnSync(command, versionArgs, { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) {
    console.error(`fetch-kcl-jars: \`${command}\` was not found or does not run. ${hint}`);
    process.exit(2);
  }
}

function fetch(g) {
  return new Promise((resolve) => {
    fs.rmSync(g.stagingDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(g.logFile), { recursive: true });
    const log = fs.createWriteStream(g.logFile);
    say(
      `KCL ${g.version}: fetching ${g.expectedJars} jars with mvn (first time only; log in ${path.relative(root, g.logFile)})`,
    );
    const started = Date.now();
    const mvn = spawn(
      'mvn',
      [
        '-B',
        '-f',
        g.pomFile,
        'dependency:copy-dependencies',
        '-DexcludeTransitive=true',
        `-DoutputDirectory=${g.stagingDir}`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let downloaded = 0;
    let lastShown = 0;
    let pending = '';
    const onData = (chunk) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.includes('Downloaded from')) downloaded += 1;
      if (downloaded - lastShown >= 100) {
        lastShown = downloaded;
        say(`${downloaded} files downloaded...`);
      }
    };
    mvn.stdout.on('data', onData);
    mvn.stderr.on('data', onData);
    mvn.on('close', (code) => {
      log.end();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const copied = jarCount(g.stagingDir);
      if (code !== 0 || copied !== g.expectedJars) {
        const tail = fs
          .readFileSync(g.logFile, 'utf8')
          .split('\n')
          .filter((l) => l.includes('ERROR'))
          .slice(-8)
          .join('\n');
        console.error(
          `fetch-kcl-jars: KCL ${g.version}: mvn failed (exit ${code}, ${copied}/${g.expectedJars} jars) after ${seconds}s; see ${g.logFile}\n${tail}`,
        );
        resolve(false);
        return;
      }
      fs.rmSync(g.jarsDir, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(g.jarsDir), { recursive: true });
      fs.renameSync(g.stagingDir, g.jarsDir);
      fs.writeFileSync(g.stampFile, `${g.hash}\n`);
      say(
        `KCL ${g.version}: ${copied} jars ready in ${path.relative(root, g.jarsDir)} (${downloaded} files downloaded, ${seconds}s)`,
      );
      resolve(true);
    });
  });
}

const wanted = (only === undefined ? GENERATIONS : [only]).map(describe);
const stale = wanted.filter((g) => force || !upToDate(g));
for (const g of wanted.filter((w) => !stale.includes(w)))
  say(
    `KCL ${g.version}: ${g.expectedJars} jars in ${path.relative(root, g.jarsDir)} are up to date with daemon/kcl/${g.generation}/pom.xml`,
  );
if (stale.length > 0) {
  requireTool(
    'java',
    ['-version'],
    'The KCL MultiLangDaemon needs Java 8 or later (17 recommended): install a JDK and put java on PATH.',
  );
  requireTool(
    'mvn',
    ['-v'],
    'Maven fetches the KCL jars once: install Maven 3 (for example `apt-get install maven`) and put mvn on PATH.',
  );
}
let ok = true;
for (const g of stale) ok = (await fetch(g)) && ok;
process.exit(ok ? 0 : 1);
