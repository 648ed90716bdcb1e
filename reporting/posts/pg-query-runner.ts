// Runs the people tools' parameterised queries on one pg pool: TIMESTAMPs read as UTC, failures as PostsQueryError.
import { types, type Pool, type PoolClient } from 'pg';
import { isRetryable } from '../../common/is-retryable';
import type { Logger } from '../../common/logger';
import { createPgPool, pgPoolOptionsFrom } from '../../common/pg/pg-pool';
import { PostsQueryError } from '../reporting-errors';
import type { Query } from './post-queries';
import type { PostsSource } from './posts-source';

const TIMESTAMP_OID = 1114;
/** TIMESTAMP (without time zone) holds UTC here; pg's default would read it in the process's local zone. */
const utcTimestamp = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`);

export type Row = Record<string, unknown>;

export class PgQueryRunner {
  private readonly pool: Pool;

  public constructor(source: PostsSource, logger: Logger) {
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

  public query(query: Query): Promise<Row[]> {
    return this.withClient(query.name, async (client) => (await client.query<Row>(query.text, [...query.values])).rows);
  }

  /** The statements in one transaction, in order; rolled back when one fails. */
  public transaction(name: string, queries: readonly Query[]): Promise<void> {
    return this.withClient(name, async (client) => {
      await client.query('BEGIN');
      try {
        for (const query of queries) await client.query(query.text, [...query.values]);
        await client.query('COMMIT');
      } catch (error: unknown) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }

  private async withClient<T>(name: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient | undefined;
    let broken: Error | undefined;
    try {
      client = await this.pool.connect();
      return await work(client);
    } catch (error: unknown) {
      // A connection that failed mid-query is discarded rather than handed to the next refresh.
      broken = error instanceof Error ? error : new Error(String(error));
      throw new PostsQueryError(name, { cause: error, retryable: isRetryable(error) });
    } finally {
      client?.release(broken);
    }
  }
}
