// Test helper: creates public.post_sentiment with the sinks' own DDL on the PostgreSQL stand-in and inserts scored posts.
import { Client } from 'pg';
import { POSTGRESQL } from '../../../consumer/sinks/redshift/sql-dialect';
import { createTableSql } from '../../../consumer/sinks/redshift/table-ddl';
import { postTable } from '../../../consumer/sinks/redshift/table-spec';
import { timestampParam } from '../../../reporting/posts/post-queries';

export const POSTS_TABLE = 'public.post_sentiment';

export interface TestPost {
  readonly atMs: number;
  readonly label: 'POSITIVE' | 'NEGATIVE' | 'NEUTRAL' | 'MIXED' | null;
  readonly hashtags?: readonly string[];
  readonly text?: string;
}

const SCORES = {
  POSITIVE: [0.9, 0.05, 0.05, 0],
  NEGATIVE: [0.1, 0.8, 0.1, 0],
  NEUTRAL: [0.1, 0.1, 0.8, 0],
  MIXED: [0.4, 0.4, 0.1, 0.1],
} as const;

export async function createPostsTable(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(createTableSql(POSTGRESQL, postTable(POSTS_TABLE)));
  } finally {
    await client.end();
  }
}

let sequence = 0;

export async function insertPosts(url: string, posts: readonly TestPost[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const post of posts) {
      sequence += 1;
      const scores = post.label === null ? [null, null, null, null] : SCORES[post.label];
      await client.query(
        `INSERT INTO ${POSTS_TABLE} (shard_id, sequence_number, sub_sequence_number, post_id, user_name, created_at, arrival_time, lang, text, text_truncated, hashtags,
           sentiment_label, score_positive, score_negative, score_neutral, score_mixed, sentiment_failure)
         VALUES ($1, $2, 0, $3, $4, CAST($5 AS TIMESTAMP), CAST($5 AS TIMESTAMP), 'en', $6, FALSE, CAST($7 AS JSONB), $8, $9, $10, $11, $12, $13)`,
        [
          'shardId-000000000000',
          String(49_000_000 + sequence),
          `p${sequence}`,
          `rider${sequence}`,
          timestampParam(post.atMs),
          post.text ?? `post ${sequence}`,
          JSON.stringify(post.hashtags ?? []),
          post.label,
          ...scores,
          post.label === null ? 'unsupported language' : null,
        ],
      );
    }
  } finally {
    await client.end();
  }
}

export async function truncatePosts(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`TRUNCATE ${POSTS_TABLE}`);
  } finally {
    await client.end();
  }
}
