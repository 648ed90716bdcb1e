// The post shape every source maps to: what the consumer's post parser reads, plus the source it came from.

export const POST_SOURCES = ['x', 'instagram', 'sample', 'file'] as const;
export type PostSource = (typeof POST_SOURCES)[number];

/** Wire names as the consumer reads them (consumer/decode/post-parser.ts). */
export interface CollectedPost {
  readonly source: PostSource;
  /** The source's own id (X tweet id, Instagram media id). */
  readonly id: string;
  /** Exactly as the source sent it. */
  readonly text: string;
  /** From the source: X's ISO-8601 (`2026-11-30T05:00:00.000Z`), Instagram's `2026-11-30T05:00:00+0000`. */
  readonly created_at: string;
  /** ISO 639-1 code; X gives it, Instagram's is detected; absent when unknown. */
  readonly lang?: string;
  /** X username (not the display name); Instagram gives none (empty). */
  readonly user: string;
  /** Plain strings without '#'. */
  readonly hashtags: readonly string[];
  readonly permalink?: string;
}

/** The business key that makes a post unique across records: source + source id. */
export function postKey(post: Pick<CollectedPost, 'source' | 'id'>): string {
  return `${post.source}:${post.id}`;
}

/** The user record for the producer: keyed by user (or id when there is none) so one author's posts stay in order. */
export function postRecord(post: CollectedPost): { partitionKey: string; data: string } {
  const partitionKey = (post.user === '' ? postKey(post) : `${post.source}:${post.user}`).slice(0, 256);
  return { partitionKey, data: JSON.stringify(post) };
}
