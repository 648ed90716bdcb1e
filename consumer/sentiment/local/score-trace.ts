// What moved a text's score, for `npm run score -- --explain`: each sentiment token's valence and the rules applied.
import type { Token } from './tokenize';

export interface TokenTrace {
  /** As written (an emoji with its ZWJ-joined parts). */
  readonly text: string;
  /** The lexicon's valence (-4..4) before any rule; undefined for a word the lexicons do not know. */
  lexicon: number | undefined;
  /** Where the lexicon value came from when it was not a plain entry ("emoji proxy 😒", "comparative of slow", "idiom"). */
  source: string | undefined;
  /** The valence after every rule, what the compound sums. */
  valence: number;
  /** Rules that changed it, in order ("negated by never", "intensified by very", "after but x1.5"). */
  readonly rules: string[];
}

/** Collected only when asked for: the scorer checks for a trace before building any string. */
export class ScoreTrace {
  public readonly tokens: TokenTrace[];
  /** Rules that act on the whole text ("sarcasm: 🙄", "3 exclamation marks +0.876"). */
  public readonly textRules: string[] = [];

  public constructor(tokens: readonly Token[]) {
    this.tokens = tokens.map((token) => ({
      text: token.text,
      lexicon: undefined,
      source: undefined,
      valence: 0,
      rules: [],
    }));
  }

  public note(index: number, rule: string): void {
    this.tokens[index]?.rules.push(rule);
  }

  /** The tokens that carry sentiment or had a rule applied, for printing. */
  public moved(): TokenTrace[] {
    return this.tokens.filter((t) => t.lexicon !== undefined || t.valence !== 0 || t.rules.length > 0);
  }
}
