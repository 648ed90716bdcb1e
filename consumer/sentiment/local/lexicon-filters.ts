// Lexicon hits that are not sentiment in their context: a degree word before a sentiment word, an -er agent noun.
import type { LanguageRules } from './language-rules';
import type { LanguageModel } from './language-model';
import type { ScoreTrace } from './score-trace';
import type { Token } from './tokenize';

/**
 * A degree word ("pretty", "super") right before another sentiment word of its clause is an intensifier: its own valence
 * is dropped and the booster lookup of the next word finds it ("pretty bad" is "bad" intensified, not "pretty" + "bad").
 */
export function readDegreeWords(
  tokens: readonly Token[],
  rules: LanguageRules,
  values: (number | undefined)[],
  trace: ScoreTrace | undefined,
): void {
  if (rules.degreeWords.size === 0) return;
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    if (values[i] === undefined || values[i + 1] === undefined || (tokens[i + 1] as Token).clauseStart) continue;
    if (!rules.degreeWords.has((tokens[i] as Token).lower)) continue;
    values[i] = undefined;
    trace?.note(i, 'degree word before a sentiment word: an intensifier, not scored');
  }
}

/** Words before an -er comparative ("much cooler", "is slower", "a bit harder"); "than" after one also marks it. */
const COMPARATIVE_CONTEXT: ReadonlySet<string> = new Set([
  'much',
  'even',
  'far',
  'way',
  'bit',
  'lot',
  'any',
  'no',
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'get',
  'gets',
  'getting',
  'got',
  'feel',
  'feels',
  'felt',
  'seems',
  'looks',
  "it's",
  'its',
  'so',
  'and',
  'or',
  'never',
]);

/**
 * An -er word the lexicon lacks but whose stem it has is a comparative ("slower") only in a comparative's context (a
 * degree word or copula before it, "than" after it, or a negator of comparatives before it: "never had a slower");
 * elsewhere it is usually an agent noun ("Player", "Trapper Keepers") and carries no sentiment.
 */
export function dropAgentNouns(tokens: readonly Token[], model: LanguageModel, values: (number | undefined)[]): void {
  for (let i = 0; i < tokens.length; i += 1) {
    if (values[i] === undefined) continue;
    const lower = (tokens[i] as Token).lower;
    if (!lower.endsWith('er') || model.comparativeBase(lower) === undefined) continue;
    if (COMPARATIVE_CONTEXT.has(tokens[i - 1]?.lower ?? '')) continue;
    let comparative = false;
    for (let k = 1; k <= 3 && !comparative; k += 1) {
      comparative =
        tokens[i + k]?.lower === 'than' || model.rules.comparativeNegation.negators.has(tokens[i - k]?.lower ?? '');
    }
    if (!comparative) values[i] = undefined;
  }
}
