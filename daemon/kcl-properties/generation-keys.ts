// Which daemon property keys each KCL generation reads, and the findings for keys the chosen generation ignores.
import { KCL_KEYS, type KeySpec } from './kcl-property-keys';
import { KCL3_IGNORED_IN_3X_MODE, KCL3_ONLY_KEYS } from './kcl3-property-keys';
import type { KclGeneration } from '../kcl-generation';
import type { PropertyEntry } from './properties-file';

/** The key table of a generation: 2.7.2's keys, or those plus the 3.1.3 additions. */
export function keysFor(generation: KclGeneration): Readonly<Record<string, KeySpec>> {
  return generation === 2 ? KCL_KEYS : { ...KCL_KEYS, ...KCL3_ONLY_KEYS };
}

/** Why an unknown key is unknown, when the other generation knows it; undefined otherwise. */
export function otherGenerationNote(key: string, generation: KclGeneration): string | undefined {
  if (generation === 2 && KCL3_ONLY_KEYS[key] !== undefined)
    return 'a KCL 3 key: KCL 2.7.2 ignores it silently (is this file for --kcl 3?)';
  return undefined;
}

export interface GenerationFinding {
  readonly key: string;
  readonly line: number;
  readonly message: string;
}

/** Keys the 3.1.3 daemon accepts but does not use in 3.x mode (clientVersionConfig unset or CLIENT_VERSION_CONFIG_3X). */
export function ignoredByGeneration(
  values: ReadonlyMap<string, PropertyEntry>,
  generation: KclGeneration,
): GenerationFinding[] {
  if (generation !== 3) return [];
  if (values.get('clientVersionConfig')?.value === 'CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X') return [];
  const findings: GenerationFinding[] = [];
  for (const [key, why] of Object.entries(KCL3_IGNORED_IN_3X_MODE)) {
    const entry = values.get(key);
    if (entry !== undefined)
      findings.push({
        key: entry.key,
        line: entry.line,
        message: `ignored by KCL 3 in 3.x mode: ${why} (it applies only with clientVersionConfig = CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X)`,
      });
  }
  return findings;
}
