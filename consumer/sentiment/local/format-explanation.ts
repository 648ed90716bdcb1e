// Renders a LocalExplanation as lines a city analyst can read: label and why, then each word, emoji or rule that moved the score.
import type { LocalExplanation } from '../local-analyzer';

const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

/** `heading` names the input ("line 3"); the result has no trailing newline. */
export function formatExplanation(heading: string, text: string, e: LocalExplanation): string {
  const s = e.scores;
  const lines = [
    `${heading} [${e.lang}] ${JSON.stringify(text)}`,
    `  ${e.labelReason}`,
    `  scores: Positive ${s.Positive.toFixed(3)}  Negative ${s.Negative.toFixed(3)}  Neutral ${s.Neutral.toFixed(3)}  Mixed ${s.Mixed.toFixed(3)}`,
  ];
  if (e.tokens.length === 0) lines.push('  no word, emoji or emoticon of the lexicons was found');
  for (const t of e.tokens) {
    const from =
      t.lexicon === undefined ? 'no lexicon entry' : `lexicon ${signed(t.lexicon)}${t.source ? ` (${t.source})` : ''}`;
    const rules = t.rules.length > 0 ? `; ${t.rules.join('; ')}` : '';
    lines.push(`  ${JSON.stringify(t.text).padEnd(14)} ${signed(t.valence).padStart(6)}  <- ${from}${rules}`);
  }
  for (const rule of e.textRules) lines.push(`  rule: ${rule}`);
  return lines.join('\n');
}
