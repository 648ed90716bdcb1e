// The VADER algorithm (Hutto & Gilbert 2014) over pre-tokenised text: lexicon valence adjusted by caps, boosters, negation, "but" and punctuation.
import {
  CAPS_INCREMENT, CONTRAST_AFTER, CONTRAST_BEFORE, EMPHATIC_NEGATION_SCALAR, NEGATION_SCALAR,
} from './language-rules';
import type { LanguageRules } from './language-rules';
import type { LanguageModel } from './language-model';
import type { Token } from './tokenize';

export interface ValenceScore {
  /** Normalised sum of valences, -1..1 (VADER's compound). */
  readonly compound: number;
  /** VADER's proportions of positive, negative and neutral tokens; they sum to 1. */
  readonly positive: number;
  readonly negative: number;
  readonly neutral: number;
  /** Sums of the adjusted positive and (absolute) negative valences: the evidence on each side. */
  readonly positiveEvidence: number;
  readonly negativeEvidence: number;
}

const NORMALISATION_ALPHA = 15;
const EXCLAMATION_STEP = 0.292;
const QUESTION_STEP = 0.18;
const QUESTION_MAX = 0.96;

/** Scores one document's tokens with one language's model; `text` is only read for '!' and '?'. */
export function scoreValence(tokens: readonly Token[], model: LanguageModel, text: string): ValenceScore {
  const sentiments = adjustedValences(tokens, model);
  const contrastAt = tokens.findIndex((token) => model.rules.contrast.has(token.lower));
  if (contrastAt >= 0) {
    for (let i = 0; i < sentiments.length; i += 1) {
      if (i < contrastAt) sentiments[i] = (sentiments[i] ?? 0) * CONTRAST_BEFORE;
      else if (i > contrastAt) sentiments[i] = (sentiments[i] ?? 0) * CONTRAST_AFTER;
    }
  }
  let sum = 0; let positiveSum = 0; let negativeSum = 0; let neutralCount = 0;
  let positiveEvidence = 0; let negativeEvidence = 0;
  for (const s of sentiments) {
    sum += s;
    if (s > 0) { positiveSum += s + 1; positiveEvidence += s; } else if (s < 0) { negativeSum += s - 1; negativeEvidence -= s; } else neutralCount += 1;
  }
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis; else if (sum < 0) sum -= emphasis;
  if (positiveSum > -negativeSum) positiveSum += emphasis; else if (positiveSum < -negativeSum) negativeSum -= emphasis;
  const total = positiveSum - negativeSum + neutralCount;
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)));
  if (total === 0) return { compound, positive: 0, negative: 0, neutral: 1, positiveEvidence, negativeEvidence };
  return {
    compound, positive: positiveSum / total, negative: -negativeSum / total, neutral: neutralCount / total, positiveEvidence, negativeEvidence,
  };
}

function adjustedValences(tokens: readonly Token[], model: LanguageModel): number[] {
  const { rules } = model;
  const n = tokens.length;
  const values = tokens.map((token) => model.valence(token));
  const isNegator = (j: number): boolean => {
    const lower = (tokens[j] as Token).lower;
    return rules.negators.has(lower) || rules.nearNegators.has(lower)
      || (rules.negationSuffix !== undefined && lower.endsWith(rules.negationSuffix));
  };
  let caps = 0;
  for (const token of tokens) if (token.allCaps) caps += 1;
  const capsDiffer = caps > 0 && caps < n;
  const sentiments = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i += 1) {
    const token = tokens[i] as Token;
    let v = values[i];
    if (v === undefined || rules.boosters.has(token.lower)) continue;
    if (isNegator(i) && i + 1 < n && values[i + 1] !== undefined && !(tokens[i + 1] as Token).clauseStart) continue;
    if (token.lower === 'kind' && tokens[i + 1]?.lower === 'of') continue;
    if (token.allCaps && capsDiffer) v += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
    for (let k = 1; k <= 3 && i - k >= 0 && !(tokens[i - k + 1] as Token).clauseStart; k += 1) {
      const j = i - k;
      if (values[j] !== undefined && !isNegator(j)) continue;
      const prior = tokens[j] as Token;
      let scalar = rules.boosters.get(prior.lower) ?? 0;
      if (scalar !== 0) {
        if (v < 0) scalar = -scalar;
        if (prior.allCaps && capsDiffer) scalar += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
        v += scalar * (k === 1 ? 1 : k === 2 ? 0.95 : 0.9);
      }
      if (isNegator(j) && (k < 3 || !rules.nearNegators.has(prior.lower))) v *= negationFactor(tokens, j, i, rules);
    }
    if (rules.idioms.size > 0) v = idiomValence(tokens, i, rules.idioms) ?? v;
    if (i > 0 && tokens[i - 1]?.lower === 'least' && !(i > 1 && ['at', 'very'].includes(tokens[i - 2]?.lower ?? ''))) v *= NEGATION_SCALAR;
    sentiments[i] = v;
  }
  return sentiments;
}

/** Negation flips and dampens, except "never so/this ...", which intensifies. */
function negationFactor(tokens: readonly Token[], negator: number, i: number, rules: LanguageRules): number {
  const emphatic = rules.emphaticNegation;
  if (!emphatic.negators.has((tokens[negator] as Token).lower)) return NEGATION_SCALAR;
  for (let m = negator + 1; m < i; m += 1) if (emphatic.markers.has((tokens[m] as Token).lower)) return EMPHATIC_NEGATION_SCALAR;
  return NEGATION_SCALAR;
}

/** The valence of an idiom of two or three words that contains token i, if any. */
function idiomValence(tokens: readonly Token[], i: number, idioms: ReadonlyMap<string, number>): number | undefined {
  const word = (k: number): string => tokens[k]?.lower ?? '';
  const phrases = [
    `${word(i - 1)} ${word(i)}`, `${word(i - 2)} ${word(i - 1)} ${word(i)}`, `${word(i)} ${word(i + 1)}`,
    `${word(i)} ${word(i + 1)} ${word(i + 2)}`, `${word(i - 1)} ${word(i)} ${word(i + 1)}`,
  ];
  for (const phrase of phrases) {
    const value = idioms.get(phrase);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Up to four '!' add 0.292 each; two or three '?' add 0.18 each, more add 0.96. */
function punctuationEmphasis(text: string): number {
  let exclamations = 0; let questions = 0;
  for (let at = text.indexOf('!'); at >= 0 && exclamations < 4; at = text.indexOf('!', at + 1)) exclamations += 1;
  for (let at = text.indexOf('?'); at >= 0 && questions < 4; at = text.indexOf('?', at + 1)) questions += 1;
  const question = questions > 1 ? (questions <= 3 ? questions * QUESTION_STEP : QUESTION_MAX) : 0;
  return exclamations * EXCLAMATION_STEP + question;
}
