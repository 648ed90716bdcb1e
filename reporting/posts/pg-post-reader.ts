// PostReader over a pg pool (Redshift speaks the PostgreSQL protocol): TIMESTAMPs read as UTC, counts as numbers, hashtags from JSONB or SUPER text.
import { types, type Pool, type PoolClient } from 'pg';
import { isRetryableSqlError } from '../../common/is-retryable';
import type { Logger } from '../../common/logger';
import { createPgPool, pgPoolOptionsFrom } from '../../common/pg/pg-pool';
import { PostsQueryError } from '../reporting-errors';
import { countByLabelInRangesQuery, countByLabelQuery, latestPostsQuery, type Query } from './post-queries';
import {
  POST_LABELS,
  type LabelCount,
  type PostLabel,
  type PostReader,
  type PostSummaryRow,
  type TimeRange,
} from './post-reader';
import type { PostsSource } from './posts-source';

const TIMESTAMP_OID = 1114;
/** TIMESTAMP (without time zone) holds UTC here; pg's default would read it in the process's local zone. */
const utcTimestamp = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);

type Row = Record<string, unknown>;

export class PgPostReader implements PostReader {
  private readonly pool: Pool;

  public constructor(
    private readonly source: PostsSource,
    logger: Logger,
  ) {
    this.pool = createPgPool({
      ...pgPoolOptionsFrom(source),
      connectTimeoutMs: 10_000,
      statementTimeoutMs: source.statementTimeoutMs,
      logger,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === TIMESTAMP_OID
            ? utcTimestamp
            : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
      },
    });
  }

  public async countByLabel(range: TimeRange, unit: 'minute' | 'day'): Promise<LabelCount[]> {
    const rows = await this.run(countByLabelQuery(this.source.table, range.fromMs, range.toMs, unit));
    return rows.map((row) => ({
      bucketMs: Number(row.bucket),
      label: toLabel(row.label),
      posts: Number(row.posts),
      scoreSum: row.score_sum === null ? 0 : Number(row.score_sum),
      scored: Number(row.scored),
    }));
  }

  public async countByLabelInRanges(ranges: readonly TimeRange[]): Promise<LabelCount[]> {
    const rows = await this.run(countByLabelInRangesQuery(this.source.table, ranges));
    return rows.map((row) => ({
      bucketMs: ranges[Number(row.bucket)]!.fromMs,
      label: toLabel(row.label),
      posts: Number(row.posts),
      scoreSum: row.score_sum === null ? 0 : Number(row.score_sum),
      scored: Number(row.scored),
    }));
  }

  public async latestPosts(range: TimeRange, limit: number, label?: PostLabel): Promise<PostSummaryRow[]> {
    const rows = await this.run(latestPostsQuery(this.source.table, range.fromMs, range.toMs, limit, label));
    return rows.map((row) => ({
      key: `${String(row.shard_id)}/${String(row.sequence_number)}/${String(row.sub_sequence_number)}`,
      postId: nullableText(row.post_id),
      user: nullableText(row.user_name),
      createdAtMs: Number(row.posted_at),
      lang: nullableText(row.lang),
      text: typeof row.text === 'string' ? row.text : '',
      label: toLabel(row.label),
      score: row.score === null ? null : Number(row.score),
      hashtags: hashtagsOf(row.hashtags),
      source: nullableText(row.source),
      keyPhrases: keyPhrasesOf(row.key_phrases),
    }));
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }

  private async run(query: Query): Promise<Row[]> {
    let client: PoolClient | undefined;
    let broken: Error | undefined;
    try {
      client = await this.pool.connect();
      return (await client.query<Row>(query.text, [...query.values])).rows;
    } catch (error: unknown) {
      // A connection that failed mid-query is discarded rather than handed to the next refresh.
      broken = error instanceof Error ? error : new Error(String(error));
      throw new PostsQueryError(query.name, { cause: error, retryable: isRetryableSqlError(error) });
    } finally {
      client?.release(broken);
    }
  }
}

function toLabel(value: unknown): PostLabel {
  return POST_LABELS.find((label) => label === value) ?? 'UNSCORED';
}

function nullableText(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The stored key phrases (key_phrases: JSONB arrives parsed, Redshift SUPER as JSON text), or null when the analyzer
 * stored none (NULL, local analyzer) or the value is not a JSON array: readers then take the terms from the text.
 */
export function keyPhrasesOf(value: unknown): string[] | null {
  return value === null || value === undefined ? null : jsonStrings(value);
}

/** JSONB arrives parsed; Redshift SUPER arrives as JSON text. Anything else counts as no hashtags. */
export function hashtagsOf(value: unknown): string[] {
  return jsonStrings(value) ?? [];
}

function jsonStrings(value: unknown): string[] | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : null;
}
