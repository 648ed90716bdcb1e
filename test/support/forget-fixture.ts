// Stream items for erasure tests: posts of named sources and authors, a refused post, and a corrupt KPL aggregate holding two people.
import { encodeAggregate } from '../../common/kpl/aggregate-codec';
import type { UserRecord } from '../../common/user-record';
import { parsePayload } from '../../consumer/decode/payload-parser';
import type { StreamItem } from './sink-batch-factory';

export interface FixturePost {
  readonly id: string;
  readonly user: string;
  readonly text: string;
  readonly source?: string;
  /** Makes the consumer refuse the post (invalid-field: a created_at that is not a date): it goes to the dead letters. */
  readonly badDate?: boolean;
}

/** The JSON the collector writes for a post. */
export function postJson(post: FixturePost, createdAt: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      id: post.id,
      text: post.text,
      lang: 'en',
      created_at: post.badDate === true ? 'not a date' : createdAt,
      user: post.user,
      hashtags: [],
      ...(post.source === undefined ? {} : { source: post.source }),
    }),
    'utf8',
  );
}

/** A stream item as the consumer decodes it (post or rejection), with a fixed positive score for posts. */
export function itemOf(
  base: Omit<UserRecord, 'data' | 'partitionKey'>,
  partitionKey: string,
  data: Buffer,
): StreamItem {
  const decoded = parsePayload({ ...base, partitionKey, data });
  return decoded.kind === 'post'
    ? {
        decoded,
        sentiment: {
          ok: true,
          label: 'POSITIVE',
          scores: { Positive: 0.9, Negative: 0.05, Neutral: 0.05, Mixed: 0 },
          lang: 'en',
        },
      }
    : { decoded };
}

/** A KPL aggregate of the posts with a wrong MD5 (the consumer rejects it whole as corrupt-aggregate; the bytes are kept). */
export function corruptAggregateItem(
  base: Omit<UserRecord, 'data' | 'partitionKey'>,
  posts: readonly FixturePost[],
  createdAt: string,
): StreamItem {
  const bytes = encodeAggregate(posts.map((post) => ({ partitionKey: post.user, data: postJson(post, createdAt) })));
  bytes[bytes.length - 1] ^= 0xff;
  const record: UserRecord = { ...base, partitionKey: 'aggregate', data: bytes };
  return { decoded: { kind: 'rejected', record, reason: 'corrupt-aggregate', detail: 'MD5 digest does not match' } };
}
