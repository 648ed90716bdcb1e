// Pure: ranks the terms of a selection by posts, with negative share and the change against the previous period.

/** How many posts of a selection mention a term; `negative` of them were NEGATIVE, `scored` had any label. */
export interface TermCount {
  readonly term: string;
  readonly posts: number;
  readonly negative: number;
  readonly scored: number;
}

export interface RankedTerm extends TermCount {
  /** negative / scored, or null when none was scored. */
  readonly negativeShare: number | null;
  /** Posts mentioning the term in the previous period of the same length (0 when absent there). */
  readonly previousPosts: number;
  /** (posts - previousPosts) / previousPosts, or null when the term is new (previousPosts 0). */
  readonly change: number | null;
  /** At least RISING.minGain more posts than before and at least RISING.ratio times as many (new terms included). */
  readonly rising: boolean;
}

export interface RankOptions {
  /** At most this many terms (default 20). */
  readonly limit?: number;
  /** Terms with fewer posts are left out (default 2: a word used once is not a topic). */
  readonly minPosts?: number;
}

export const RISING = Object.freeze({ ratio: 1.5, minGain: 2 });

/**
 * The top terms of `current` by posts (ties by term), each compared with `previous` (the same counts over the
 * previous period of the same length). Both inputs may hold a term once at most; order does not matter.
 */
export function rankTerms(
  current: readonly TermCount[],
  previous: readonly TermCount[],
  options: RankOptions = {},
): RankedTerm[] {
  const limit = options.limit ?? 20;
  const minPosts = options.minPosts ?? 2;
  const before = new Map(previous.map((t) => [t.term, t.posts]));
  return current
    .filter((t) => t.posts >= minPosts)
    .sort((a, b) => b.posts - a.posts || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, limit)
    .map((t) => {
      const previousPosts = before.get(t.term) ?? 0;
      return {
        term: t.term,
        posts: t.posts,
        negative: t.negative,
        scored: t.scored,
        negativeShare: t.scored === 0 ? null : t.negative / t.scored,
        previousPosts,
        change: previousPosts === 0 ? null : (t.posts - previousPosts) / previousPosts,
        rising: t.posts - previousPosts >= RISING.minGain && t.posts >= RISING.ratio * previousPosts,
      };
    });
}
