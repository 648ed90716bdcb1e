// Reads the weekly report's details (split, term texts, strongest posts) over a pool from the one pg factory; TIMESTAMPs read as UTC.
import { types, type Pool } from 'pg';
import { isRetryable } from '../../common/is-retryable';
import type { Logger } from '../../common/logger';
import { createPgPool, pgPoolOptionsFrom } from '../../common/pg/pg-pool';
import type { TermSource } from '../terms/count-terms';
import { POST_LABELS, type PostLabel, type TimeRange } from '../posts/post-reader';
import { keyPhrasesOf } from '../posts/pg-post-reader';
import type { PostsSource } from '../posts/posts-source';
import type { Query } from '../posts/post-queries';
import { PostsQueryError } from '../reporting-errors';
import type { ExamplePost, SplitCount } from './week-details';
import { splitCountsQuery, strongestPostsQuery, termPostsQuery } from './week-detail-queries';

/** What the report needs beyond the day counts (a port: tests may serve it from memory). */
export interface WeekDetailReader {
  splitCounts(range: TimeRange): Promise<SplitCount[]>;
  termPosts(range: TimeRange, limit: number): Promise<TermSource[]>;
  strongestPosts(range: TimeRange, label: 'NEGATIVE' | 'POSITIVE', limit: number): Promise<ExamplePost[]>;
  close(): Promise<void>;
}

const TIMESTAMP_OID = 1114;
type Row = Record<string, unknown>;

export class PgWeekDetailReader implements WeekDetailReader {
  private readonly pool: Pool;

  public constructor(
    private readonly source: PostsSource,
    logger: Logger,
  ) {
    this.pool = createPgPool({
      ...pgPoolOptionsFrom(source),
      poolSize: 1,
      connectTimeoutMs: 10_000,
      statementTimeoutMs: source.statementTimeoutMs,
      logger,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === TIMESTAMP_OID
            ? (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`)
            : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
      },
    });
  }

  public async splitCounts(range: TimeRange): Promise<SplitCount[]> {
    const rows = await this.run(splitCountsQuery(this.source.table, range.fromMs, range.toMs));
    return rows.map((row) => ({
      source: text(row.source),
      lang: text(row.lang),
      label: toLabel(row.label),
      posts: Number(row.posts),
    }));
  }

  public async termPosts(range: TimeRange, limit: number): Promise<TermSource[]> {
    const rows = await this.run(termPostsQuery(this.source.table, range.fromMs, range.toMs, limit));
    return rows.map((row) => ({
      text: text(row.text) ?? '',
      lang: text(row.lang),
      label: toLabel(row.label),
      keyPhrases: keyPhrasesOf(row.key_phrases),
    }));
  }

  public async strongestPosts(range: TimeRange, label: 'NEGATIVE' | 'POSITIVE', limit: number): Promise<ExamplePost[]> {
    const rows = await this.run(strongestPostsQuery(this.source.table, range.fromMs, range.toMs, label, limit));
    return rows.map((row) => ({
      postId: text(row.post_id),
      user: text(row.user_name),
      createdAtMs: Number(row.posted_at),
      lang: text(row.lang),
      text: text(row.text) ?? '',
      source: text(row.source),
      score: Number(row.score),
      keyPhrases: keyPhrasesOf(row.key_phrases),
    }));
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }

  private async run(query: Query): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(query.text, [...query.values])).rows;
    } catch (error: unknown) {
      throw new PostsQueryError(query.name, { cause: error, retryable: isRetryable(error) });
    }
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toLabel(value: unknown): PostLabel {
  return POST_LABELS.find((label) => label === value) ?? 'UNSCORED';
}
