// What the valence scorer needs to know about one language: negators, intensifiers, contrast words.

export type LocalLanguage = 'en' | 'es';

export interface LanguageRules {
  readonly lang: LocalLanguage;
  /** Words that flip the valence of a sentiment word up to three tokens after them. */
  readonly negators: ReadonlySet<string>;
  /** Negators whose reach is two tokens, not three (English "no", which also names an absence: "no one will care"). */
  readonly nearNegators: ReadonlySet<string>;
  /**
   * "never ... so good" intensifies instead of negating: a pattern's negators, when one of its markers follows them.
   * Ours (issue 13) adds the perfect's comparison with the past: "haven't been this sore in years".
   */
  readonly emphaticNegation: ReadonlyArray<{
    readonly negators: ReadonlySet<string>;
    readonly markers: ReadonlySet<string>;
  }>;
  /** A word ending with this is a negator too (English "n't"). */
  readonly negationSuffix: string | undefined;
  /** Intensifiers (positive) and dampeners (negative), as a scalar added to the next sentiment words' magnitude. */
  readonly boosters: ReadonlyMap<string, number>;
  /**
   * Ours: sentiment words that are also degree adverbs ("pretty", "super"). Right before another sentiment word in the
   * same clause they are intensifiers with no valence of their own ("pretty bad", "super slow"); elsewhere they keep
   * their lexicon valence ("a pretty day"). They are also in `boosters`.
   */
  readonly degreeWords: ReadonlySet<string>;
  /** Words that start a new clause for MIXED's "different clauses" (the contrast words, "and", "while"). */
  readonly clauseJoiners: ReadonlySet<string>;
  /** "but": sentiment before it counts half, after it one and a half times. */
  readonly contrast: ReadonlySet<string>;
  /** Multi-word idioms (2-4 words) whose valence replaces that of their words ("yeah right", "qué asco", "ni de broma"). */
  readonly idioms: ReadonlyMap<string, number>;
  /**
   * Negated comparatives and superlatives: these negators before a comparative ("never had a slower ride", "couldn't be
   * happier", "nunca he visto nada peor") intensify it instead of flipping it; `markers` make the next word comparative.
   */
  readonly comparativeNegation: { readonly negators: ReadonlySet<string>; readonly markers: ReadonlySet<string> };
  /**
   * Sarcasm: an interjection followed by a positive word as the whole clause ("Oh wonderful, the bus is late again"), or
   * a marker anywhere (🙄, #sarcasm), turns the post's positive words negative.
   */
  readonly sarcasm: { readonly interjections: ReadonlySet<string>; readonly markers: ReadonlySet<string> };
  /**
   * Expectation and disappointment: a frame word ("promised", "supposed") followed later by a denial ("got nothing",
   * "still", a negator) makes the frame's positive words counterfactual (flipped) and the frame word itself negative.
   */
  readonly expectation: { readonly frames: ReadonlySet<string>; readonly denials: ReadonlySet<string> };
  /** Ours: words the published lexicon lacks that city posts lean on ("slow", "late"), used only when it has no entry. */
  readonly supplement: ReadonlyMap<string, number>;
  /**
   * Ours: interjections of exasperation whose published valence reads the word out of context (VADER's "sigh" +0.1) or
   * that the lexicon lacks; in a post ("Sigh.", "*sigh*", "ouch") they take AFINN-165's value on VADER's scale (x 0.8).
   */
  readonly interjections: ReadonlyMap<string, number>;
  /** Lexicon entries that this language uses as function words (a mistranslation or a negator); never scored. */
  readonly notSentiment: ReadonlySet<string>;
}

/** VADER's empirically derived constants (Hutto & Gilbert 2014, section 3.2). */
export const BOOSTER_INCREMENT = 0.293;
export const BOOSTER_DECREMENT = -0.293;
export const CAPS_INCREMENT = 0.733;
export const NEGATION_SCALAR = -0.74;
export const EMPHATIC_NEGATION_SCALAR = 1.25;
export const CONTRAST_BEFORE = 0.5;
export const CONTRAST_AFTER = 1.5;
/** Ours, not VADER's: the valence of a denied expectation's frame word, about that of "disappointed" (-2.1) less a step. */
export const DISAPPOINTMENT_VALENCE = -1.8;

export function boosterMap(increments: readonly string[], decrements: readonly string[]): ReadonlyMap<string, number> {
  return new Map([
    ...increments.map((word) => [word, BOOSTER_INCREMENT] as const),
    ...decrements.map((word) => [word, BOOSTER_DECREMENT] as const),
  ]);
}
