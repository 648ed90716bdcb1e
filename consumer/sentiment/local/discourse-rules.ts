// Rules over the whole post, after each word is scored: sarcasm markers and denied expectations (ours, issue 13; not VADER's).
import { DISAPPOINTMENT_VALENCE, NEGATION_SCALAR, type LanguageRules } from './language-rules';
import type { ScoreTrace } from './score-trace';
import type { Token } from './tokenize';

/**
 * Sarcasm: a marker (🙄, #sarcasm) anywhere, or an interjection plus one positive word forming a whole clause
 * ("Oh wonderful, ...") when the rest of the post carries negative sentiment. Then every positive valence is flipped
 * and dampened as a negation would. Returns what fired, or undefined.
 */
export function applySarcasm(
  tokens: readonly Token[],
  sentiments: number[],
  rules: LanguageRules,
  trace: ScoreTrace | undefined,
): string | undefined {
  const { interjections, markers } = rules.sarcasm;
  let marker: string | undefined;
  let interjection: string | undefined;
  let hasNegative = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if ((sentiments[i] ?? 0) < 0) hasNegative = true;
    if (marker === undefined && markers.has(token.lower)) marker = token.text;
    if (
      interjection === undefined &&
      interjections.has(token.lower) &&
      (i === 0 || token.clauseStart) &&
      (sentiments[i + 1] ?? 0) > 0 &&
      (i + 2 >= tokens.length || (tokens[i + 2] as Token).clauseStart)
    ) {
      interjection = `${token.text} ${(tokens[i + 1] as Token).text}`;
    }
  }
  const cue = marker ?? (hasNegative ? interjection : undefined);
  if (cue === undefined) return undefined;
  let flipped = false;
  for (let i = 0; i < sentiments.length; i += 1) {
    if ((sentiments[i] ?? 0) <= 0) continue;
    sentiments[i] = (sentiments[i] as number) * NEGATION_SCALAR;
    flipped = true;
    trace?.note(i, `sarcasm (${cue}): flipped x${NEGATION_SCALAR}`);
  }
  return flipped ? `sarcasm: ${cue}` : undefined;
}

/**
 * Expectation and disappointment: a frame word ("promised", "supposed", "prometieron") whose clause is followed by a
 * denial ("got nothing", "still", a negator). The frame's positive words up to the clause end (or "and" / "but" or
 * the denial) describe what did not happen: flipped; the frame word itself is scored as a disappointment.
 */
export function applyExpectation(
  tokens: readonly Token[],
  sentiments: number[],
  rules: LanguageRules,
  isNegator: (i: number) => boolean,
  trace: ScoreTrace | undefined,
): string | undefined {
  const { frames, denials } = rules.expectation;
  for (let f = 0; f < tokens.length; f += 1) {
    if (!frames.has((tokens[f] as Token).lower)) continue;
    // The frame runs to the clause end, "and" / "but", or the denial itself (Spanish "y" is too short to be a token).
    const ends = (i: number): boolean => {
      const token = tokens[i] as Token;
      return (
        token.clauseStart ||
        rules.contrast.has(token.lower) ||
        token.lower === 'and' ||
        denials.has(token.lower) ||
        isNegator(i)
      );
    };
    let end = f + 1;
    while (end < tokens.length && !ends(end)) end += 1;
    let denied = false;
    for (let d = end; d < tokens.length && !denied; d += 1)
      denied = denials.has((tokens[d] as Token).lower) || isNegator(d);
    if (!denied) continue;
    const frame = (tokens[f] as Token).text;
    sentiments[f] = DISAPPOINTMENT_VALENCE;
    trace?.note(f, `expectation denied: scored ${DISAPPOINTMENT_VALENCE}`);
    for (let i = f + 1; i < end; i += 1) {
      if ((sentiments[i] ?? 0) <= 0) continue;
      sentiments[i] = (sentiments[i] as number) * NEGATION_SCALAR;
      trace?.note(i, `unmet expectation (${frame}): flipped x${NEGATION_SCALAR}`);
    }
    return `expectation denied: ${frame}`;
  }
  return undefined;
}
