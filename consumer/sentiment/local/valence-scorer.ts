// The VADER algorithm (Hutto & Gilbert 2014) over pre-tokenised text: lexicon valence adjusted by caps, boosters, negation, "but" and punctuation.
import {
  CAPS_INCREMENT,
  CONTRAST_AFTER,
  CONTRAST_BEFORE,
  EMPHATIC_NEGATION_SCALAR,
  NEGATION_SCALAR,
} from './language-rules';
import type { LanguageRules } from './language-rules';
import type { LanguageModel } from './language-model';
import { MIXED_MIN_STRENGTH } from './comprehend-shape';
import { applyExpectation, applySarcasm } from './discourse-rules';
import { EMOJI_PROXIES } from './emoji-proxies';
import { findIdioms } from './idioms';
import { dropAgentNouns, readDegreeWords } from './lexicon-filters';
import { OpinionEvidence } from './opinion-evidence';
import { LAUGHTER, isToneMarker } from './tone-markers';
import type { ScoreTrace } from './score-trace';
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
  /**
   * The strongest single positive and (absolute) negative valence of a word that states an opinion: "strong evidence" for
   * MIXED means one strong item. Tone markers (emoji, emoticons, laughter, interjections: tone-markers.ts) are left out.
   */
  readonly strongestPositive: number;
  readonly strongestNegative: number;
  /** The strongest positive and negative opinion words standing in different clauses: the weaker of the two (0: none). */
  readonly opposed: number;
}

const NORMALISATION_ALPHA = 15;
const EXCLAMATION_STEP = 0.292;
const QUESTION_STEP = 0.18;
const QUESTION_MAX = 0.96;

/** Scores one document's tokens with one language's model; `text` is only read for '!' and '?'; `trace` collects why. */
export function scoreValence(
  tokens: readonly Token[],
  model: LanguageModel,
  text: string,
  trace?: ScoreTrace,
): ValenceScore {
  const { rules } = model;
  const isNegator = negatorTest(tokens, rules);
  const sentiments = adjustedValences(tokens, model, isNegator, trace);
  const sarcasm = applySarcasm(tokens, sentiments, rules, trace);
  const expectation = applyExpectation(tokens, sentiments, rules, isNegator, trace);
  if (trace) for (const rule of [sarcasm, expectation]) if (rule !== undefined) trace.textRules.push(rule);
  const contrastAt = tokens.findIndex((token) => rules.contrast.has(token.lower));
  if (contrastAt >= 0) {
    for (let i = 0; i < sentiments.length; i += 1) {
      if (sentiments[i] === 0) continue;
      const factor = i < contrastAt ? CONTRAST_BEFORE : i > contrastAt ? CONTRAST_AFTER : 1;
      sentiments[i] = (sentiments[i] as number) * factor;
      if (trace && factor !== 1)
        trace.note(i, `${i < contrastAt ? 'before' : 'after'} "${(tokens[contrastAt] as Token).text}" x${factor}`);
    }
  }
  let sum = 0;
  let positiveSum = 0;
  let negativeSum = 0;
  let neutralCount = 0;
  let positiveEvidence = 0;
  let negativeEvidence = 0;
  const opinions = new OpinionEvidence();
  let clause = 0;
  for (let i = 0; i < sentiments.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.clauseStart || rules.clauseJoiners.has(token.lower)) clause += 1;
    const s = sentiments[i] as number;
    sum += s;
    if (s === 0) {
      neutralCount += 1;
      continue;
    }
    if (isToneMarker(token)) {
      if (trace && Math.abs(s) >= MIXED_MIN_STRENGTH) trace.note(i, 'tone marker: not strong evidence for MIXED');
    } else opinions.add(s, clause);
    if (s > 0) {
      positiveSum += s + 1;
      positiveEvidence += s;
    } else {
      negativeSum += s - 1;
      negativeEvidence -= s;
    }
  }
  const { strongestPositive, strongestNegative, opposed } = opinions;
  const emphasis = punctuationEmphasis(text);
  if (trace && emphasis > 0 && sum !== 0)
    trace.textRules.push(`punctuation emphasis ${sum > 0 ? '+' : '-'}${emphasis.toFixed(3)}`);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  if (positiveSum > -negativeSum) positiveSum += emphasis;
  else if (positiveSum < -negativeSum) negativeSum -= emphasis;
  if (trace)
    sentiments.forEach((s, i) => {
      (trace.tokens[i] as { valence: number }).valence = s;
    });
  const total = positiveSum - negativeSum + neutralCount;
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)));
  const evidence = { positiveEvidence, negativeEvidence, strongestPositive, strongestNegative, opposed };
  if (total === 0) return { compound, positive: 0, negative: 0, neutral: 1, ...evidence };
  return {
    compound,
    positive: positiveSum / total,
    negative: -negativeSum / total,
    neutral: neutralCount / total,
    ...evidence,
  };
}

function negatorTest(tokens: readonly Token[], rules: LanguageRules): (j: number) => boolean {
  return (j) => {
    const lower = (tokens[j] as Token).lower;
    return (
      rules.negators.has(lower) ||
      rules.nearNegators.has(lower) ||
      (rules.negationSuffix !== undefined && lower.endsWith(rules.negationSuffix))
    );
  };
}

function adjustedValences(
  tokens: readonly Token[],
  model: LanguageModel,
  isNegator: (j: number) => boolean,
  trace: ScoreTrace | undefined,
): number[] {
  const { rules } = model;
  const n = tokens.length;
  const values = tokens.map((token) => model.valence(token));
  dropAgentNouns(tokens, model, values);
  if (trace) recordLexicon(tokens, model, values, trace);
  readDegreeWords(tokens, rules, values, trace);
  // An idiom's words are spent: its valence sits on its last word, whose look-back starts before the idiom ("no vale la
  // pena" is negated, "ni de broma" is not), and nothing after it looks back into it.
  const idioms = findIdioms(tokens, rules);
  const anchor = idioms.length === 0 ? undefined : tokens.map((_token, i) => i);
  const floor = idioms.length === 0 ? undefined : new Array<number>(n).fill(0);
  for (const idiom of idioms) {
    for (let k = idiom.start; k < idiom.end; k += 1) values[k] = undefined;
    values[idiom.end] = idiom.valence;
    (anchor as number[])[idiom.end] = idiom.start;
    for (let k = idiom.end + 1; k < n && k <= idiom.end + 3; k += 1) (floor as number[])[k] = idiom.end;
    if (trace)
      Object.assign(trace.tokens[idiom.end] as object, { lexicon: idiom.valence, source: `idiom "${idiom.phrase}"` });
  }
  let caps = 0;
  for (const token of tokens) if (token.allCaps) caps += 1;
  const capsDiffer = caps > 0 && caps < n;
  const sentiments = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i += 1) {
    const token = tokens[i] as Token;
    let v = values[i];
    if (v === undefined || (rules.boosters.has(token.lower) && !rules.degreeWords.has(token.lower))) continue;
    if (isNegator(i) && i + 1 < n && values[i + 1] !== undefined && !(tokens[i + 1] as Token).clauseStart) continue;
    if (token.lower === 'kind' && tokens[i + 1]?.lower === 'of') continue;
    if (token.allCaps && capsDiffer) {
      v += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
      if (trace) trace.note(i, 'all caps');
    }
    const from = anchor?.[i] ?? i;
    // Emoji, emoticons and laughter stand outside the sentence's grammar: "Nope :-)" is not a negated smile, nor is
    // "you can never leave lmao" a negated laugh.
    const lowest = token.emoji || !hasLetter(token.lower) || LAUGHTER.has(token.lower) ? from : (floor?.[i] ?? 0);
    for (let k = 1; k <= 3 && from - k >= lowest && !(tokens[from - k + 1] as Token).clauseStart; k += 1) {
      const j = from - k;
      if (values[j] !== undefined && !isNegator(j)) continue;
      const prior = tokens[j] as Token;
      let scalar = rules.boosters.get(prior.lower) ?? 0;
      if (scalar !== 0) {
        if (v < 0) scalar = -scalar;
        if (prior.allCaps && capsDiffer) scalar += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
        v += scalar * (k === 1 ? 1 : k === 2 ? 0.95 : 0.9);
        if (trace) trace.note(i, `${scalar * v > 0 ? 'intensified' : 'dampened'} by "${prior.text}"`);
      }
      if (isNegator(j) && (k < 3 || !rules.nearNegators.has(prior.lower))) {
        const [factor, why] = negationFactor(tokens, j, i, model);
        v *= factor;
        if (trace) trace.note(i, `${why} "${prior.text}" x${factor}`);
      }
    }
    if (i > 0 && tokens[i - 1]?.lower === 'least' && !(i > 1 && ['at', 'very'].includes(tokens[i - 2]?.lower ?? ''))) {
      v *= NEGATION_SCALAR;
      if (trace) trace.note(i, `negated by "least" x${NEGATION_SCALAR}`);
    }
    sentiments[i] = v;
  }
  return sentiments;
}

/**
 * Negation flips and dampens, except "never so/this ..." and a negated comparative or superlative ("never had a slower
 * ride", "couldn't be happier"), which intensify.
 */
function negationFactor(tokens: readonly Token[], negator: number, i: number, model: LanguageModel): [number, string] {
  const { emphaticNegation, comparativeNegation } = model.rules;
  const lower = (tokens[negator] as Token).lower;
  for (const { negators, markers } of emphaticNegation) {
    if (!negators.has(lower)) continue;
    for (let m = negator + 1; m < i; m += 1)
      if (markers.has((tokens[m] as Token).lower)) return [EMPHATIC_NEGATION_SCALAR, 'emphatic'];
  }
  if (comparativeNegation.negators.has(lower)) {
    let comparative = model.isComparative((tokens[i] as Token).lower);
    // A marker right after the negator is "never more" / "nunca más" (never again), not a comparative.
    for (let m = negator + 2; m < i && !comparative; m += 1)
      comparative = comparativeNegation.markers.has((tokens[m] as Token).lower);
    if (comparative) return [EMPHATIC_NEGATION_SCALAR, 'negated comparative, intensified by'];
  }
  return [NEGATION_SCALAR, 'negated by'];
}

function recordLexicon(
  tokens: readonly Token[],
  model: LanguageModel,
  values: readonly (number | undefined)[],
  trace: ScoreTrace,
): void {
  tokens.forEach((token, i) => {
    const entry = trace.tokens[i];
    if (entry === undefined || values[i] === undefined) return;
    entry.lexicon = values[i];
    if (token.emoji && token.text !== token.lower) entry.source = `emoji ${token.lower}`;
    const proxy = token.emoji ? EMOJI_PROXIES.get(token.lower) : undefined;
    if (proxy !== undefined) entry.source = `emoji newer than the ranking, scored as ${proxy}`;
    if (model.rules.interjections.has(token.lower)) entry.source = 'interjection: AFINN-165 x0.8';
    const base = token.emoji ? undefined : model.comparativeBase(token.lower);
    if (base !== undefined) entry.source = `comparative of "${base}"`;
  });
}

function hasLetter(lower: string): boolean {
  for (let i = 0; i < lower.length; i += 1) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return true;
  }
  return false;
}

/** Up to four '!' add 0.292 each; two or three '?' add 0.18 each, more add 0.96. */
function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let at = text.indexOf('!'); at >= 0 && exclamations < 4; at = text.indexOf('!', at + 1)) exclamations += 1;
  for (let at = text.indexOf('?'); at >= 0 && questions < 4; at = text.indexOf('?', at + 1)) questions += 1;
  const question = questions > 1 ? (questions <= 3 ? questions * QUESTION_STEP : QUESTION_MAX) : 0;
  return exclamations * EXCLAMATION_STEP + question;
}
