// The KCL generation a run uses (2 = KCL 2.7.2, 3 = KCL 3.1.3), locally (`--kcl 2|3` or KCL_GENERATION) and in the deployment: its jars, version and properties template.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigReader, type Source } from '../common/config/config-reader';
import { REPO_ROOT } from '../common/repo-root';

export type KclGeneration = 2 | 3;

export const KCL_GENERATIONS: readonly KclGeneration[] = [2, 3];

/** The environment variable that chooses the generation when no `--kcl` flag is given. */
export const KCL_GENERATION_VARIABLE = 'KCL_GENERATION';

/**
 * The generation used when neither `--kcl` nor KCL_GENERATION says otherwise. 3, from measurement (docs/kcl-generations.md,
 * "Why 3 is the default"): both reconcile exactly; KCL 3 costs a few seconds at start (its leader assigns leases once the worker
 * has reported metrics), visible only in runs under a minute, and was no slower over 96 s of production.
 */
export const DEFAULT_KCL_GENERATION: KclGeneration = 3;

/** `'2'` or `'3'` as a generation; undefined for anything else. */
export function parseKclGeneration(text: string | undefined): KclGeneration | undefined {
  return text === '2' ? 2 : text === '3' ? 3 : undefined;
}

/** The generation from KCL_GENERATION in `env` (or the default); throws a ConfigError naming the bad value. */
export function kclGenerationFromEnv(env: Source): KclGeneration {
  const reader = new ConfigReader('KCL generation', [env]);
  const value = reader.oneOf(KCL_GENERATION_VARIABLE, ['2', '3'], String(DEFAULT_KCL_GENERATION) as '2' | '3');
  return reader.finish({ generation: parseKclGeneration(value) ?? DEFAULT_KCL_GENERATION }).generation;
}

/** daemon/kcl/<generation>/pom.xml: the one list of the generation's jars; its <kcl.version> property names the KCL release. */
export function kclPomFile(generation: KclGeneration): string {
  return path.join(REPO_ROOT, 'daemon', 'kcl', String(generation), 'pom.xml');
}

/**
 * The KCL release of each generation. Written here as well as in the poms because the worker image carries the jars but
 * not the poms; a unit test checks that both say the same.
 */
export const KCL_VERSIONS: Readonly<Record<KclGeneration, string>> = { 2: '2.7.2', 3: '3.1.3' };

/** The `<kcl.version>` a generation's pom asks mvn for. */
export function pomKclVersion(generation: KclGeneration): string {
  const match = /<kcl\.version>([^<]+)<\/kcl\.version>/.exec(fs.readFileSync(kclPomFile(generation), 'utf8'));
  if (match?.[1] === undefined) throw new Error(`${kclPomFile(generation)} has no <kcl.version> property`);
  return match[1];
}

export function kclVersion(generation: KclGeneration): string {
  return KCL_VERSIONS[generation];
}

/** daemon/kcl/jars/<version>/, filled by `npm run kcl:jars` (daemon/fetch-kcl-jars.mjs). */
export function kclJarsDir(generation: KclGeneration): string {
  return path.join(REPO_ROOT, 'daemon', 'kcl', 'jars', kclVersion(generation));
}

/** The local properties template of a generation: properties/local.properties (2) or properties/local-kcl3.properties (3). */
export function localPropertiesTemplate(generation: KclGeneration): string {
  return path.join(REPO_ROOT, 'properties', generation === 2 ? 'local.properties' : 'local-kcl3.properties');
}
