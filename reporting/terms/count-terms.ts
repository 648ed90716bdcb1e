// Pure: term counts (posts, negative, scored) over a set of posts, each post's terms taken by termsOfPost.
import { termsOfPost } from './extract-terms';
import type { TermCount } from './rank-terms';

/** A post as the term counter needs it; `label` null or 'UNSCORED' when the analyzer gave none. */
export interface TermSource {
  readonly text: string;
  readonly lang: string | null;
  readonly label: string | null;
  readonly keyPhrases?: readonly string[] | null;
}

/** Each post counts once per term it mentions. Unordered; feed the result to rankTerms. */
export function countTerms(posts: Iterable<TermSource>): TermCount[] {
  const counts = new Map<string, { posts: number; negative: number; scored: number }>();
  for (const post of posts) {
    const scored = post.label !== null && post.label !== 'UNSCORED' ? 1 : 0;
    const negative = post.label === 'NEGATIVE' ? 1 : 0;
    for (const term of termsOfPost(post)) {
      const c = counts.get(term) ?? { posts: 0, negative: 0, scored: 0 };
      c.posts += 1;
      c.negative += negative;
      c.scored += scored;
      counts.set(term, c);
    }
  }
  return [...counts].map(([term, c]) => ({ term, ...c }));
}
