// What an alert's posts are about: their top terms through the shared term extraction (reporting/terms), phrases before their words.
import { countTerms } from '../terms/count-terms';
import { rankTerms } from '../terms/rank-terms';
import { ALERT_TERMS, postIdentity, type AlertTerm, type NegativePostEvent } from './burst-alert';

/**
 * The ALERT_TERMS terms mentioned by the most posts (at least two), each post counted once (by source and post id).
 * A word is left out when a phrase holding it is mentioned as often ("buses late (3)" rather than also "buses (3)",
 * "late (3)").
 */
export function topAlertTerms(posts: readonly NegativePostEvent[]): AlertTerm[] {
  const distinct = new Map(posts.map((p) => [postIdentity(p), p]));
  const counts = countTerms(
    [...distinct.values()].map((p) => ({ text: p.text, lang: p.lang, label: 'NEGATIVE', keyPhrases: p.keyPhrases })),
  );
  const ranked = rankTerms(counts, [], { limit: 50, minPosts: 2 });
  const phrases = ranked.filter((t) => t.term.includes(' '));
  return ranked
    .filter(
      (t) => t.term.includes(' ') || !phrases.some((p) => p.posts >= t.posts && p.term.split(' ').includes(t.term)),
    )
    .slice(0, ALERT_TERMS)
    .map((t) => ({ term: t.term, posts: t.posts }));
}
