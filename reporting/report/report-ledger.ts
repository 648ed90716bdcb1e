// The ledger of sent weekly reports, a table in the posts database: a week is claimed under a table lock, then marked sent, so it goes out once.
import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../../common/logger';
import { NullLogger } from '../../common/logger';
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import { createPgPool, pgPoolOptionsFrom } from '../../common/pg/pg-pool';
import { DEFAULT_REPORT_LEDGER_TABLE } from './report-settings';
import { timestampParam } from '../posts/post-queries';
import type { PostsSource } from '../posts/posts-source';

export type ClaimResult =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'already-sent'; readonly sentAt: string }
  | { readonly outcome: 'in-progress'; readonly claimedBy: string };

export interface LedgerEntry {
  readonly week: string;
  readonly status: 'sending' | 'sent' | 'failed';
  readonly sends: number;
  readonly sentAt: string | null;
  readonly transport: string | null;
  readonly lastError: string | null;
}

/** A claim older than this is taken to be from a sender that died mid-send (its mail may or may not have left). */
export const STALE_CLAIM_MS = 30 * 60_000;

/**
 * Plain SQL both engines accept: Redshift enforces no primary key, so exactly-once rests on `LOCK` (a
 * table lock until COMMIT on both) around the read-then-write of the claim, not on the key.
 *
 * Its connection comes from the one pg factory (common/pg/pg-pool.ts) with the posts source's settings: TLS with
 * REDSHIFT_TLS_CA_FILE, REDSHIFT_STATEMENT_TIMEOUT_MS on every statement (a claim blocked on the table lock fails
 * instead of hanging the sender). Throws when the CA file cannot be read. Call close() when done.
 */
export class PgReportLedger {
  private readonly pool: Pool;

  public constructor(
    source: PostsSource,
    private readonly table = DEFAULT_REPORT_LEDGER_TABLE,
    logger: Logger = new NullLogger(),
  ) {
    if (!SQL_TABLE_NAME.test(table)) throw new RangeError(`ledger table "${table}" must be [schema.]table`);
    this.pool = createPgPool({
      ...pgPoolOptionsFrom(source),
      // One sender, one statement at a time.
      poolSize: 1,
      connectTimeoutMs: 10_000,
      statementTimeoutMs: source.statementTimeoutMs,
      logger,
    });
  }

  public async close(): Promise<void> {
    await this.pool.end();
  }

  public async ensureTable(): Promise<void> {
    await this.with((c) =>
      c.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
  week VARCHAR(8) NOT NULL, status VARCHAR(16) NOT NULL, sends INTEGER NOT NULL, claimed_by VARCHAR(256), claimed_at TIMESTAMP,
  sent_at TIMESTAMP, transport VARCHAR(16), message_id VARCHAR(1024), recipients VARCHAR(4096), last_error VARCHAR(1024), PRIMARY KEY (week))`),
    );
  }

  /** Takes the week for `owner` unless it was sent (and not `force`) or another sender holds a fresh claim. */
  public claim(
    week: string,
    owner: string,
    options: { force: boolean; nowMs: number; staleMs?: number },
  ): Promise<ClaimResult> {
    return this.with(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query(`LOCK ${this.table}`);
        const { rows } = await c.query<{
          status: string;
          claimed_by: string | null;
          claimed_at: Date | string | null;
          sent_at: Date | string | null;
        }>(`SELECT status, claimed_by, claimed_at, sent_at FROM ${this.table} WHERE week = $1`, [week]);
        const row = rows[0];
        let result: ClaimResult = { outcome: 'claimed' };
        if (row?.status === 'sent' && !options.force) result = { outcome: 'already-sent', sentAt: utc(row.sent_at) };
        else if (
          row?.status === 'sending' &&
          options.nowMs - Date.parse(utc(row.claimed_at)) < (options.staleMs ?? STALE_CLAIM_MS)
        )
          result = { outcome: 'in-progress', claimedBy: row.claimed_by ?? '?' };
        if (result.outcome === 'claimed') {
          const now = timestampParam(options.nowMs);
          if (row === undefined)
            await c.query(
              `INSERT INTO ${this.table} (week, status, sends, claimed_by, claimed_at) VALUES ($1, 'sending', 0, $2, CAST($3 AS TIMESTAMP))`,
              [week, owner, now],
            );
          else
            await c.query(
              `UPDATE ${this.table} SET status = 'sending', claimed_by = $2, claimed_at = CAST($3 AS TIMESTAMP) WHERE week = $1`,
              [week, owner, now],
            );
        }
        await c.query('COMMIT');
        return result;
      } catch (error: unknown) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  public async markSent(
    week: string,
    owner: string,
    sent: { nowMs: number; transport: string; messageId: string; recipients: readonly string[] },
  ): Promise<void> {
    await this.with((c) =>
      c.query(
        `UPDATE ${this.table} SET status = 'sent', sends = sends + 1, sent_at = CAST($3 AS TIMESTAMP), transport = $4, message_id = $5, recipients = $6, last_error = NULL WHERE week = $1 AND claimed_by = $2`,
        [
          week,
          owner,
          timestampParam(sent.nowMs),
          sent.transport,
          sent.messageId.slice(0, 1024),
          sent.recipients.join(', ').slice(0, 4096),
        ],
      ),
    );
  }

  /** The send failed: the week stays unsent (a sent week keeps status sent when a forced resend fails), so the next run retries. */
  public async release(week: string, owner: string, reason: string): Promise<void> {
    await this.with((c) =>
      c.query(
        `UPDATE ${this.table} SET status = CASE WHEN sent_at IS NULL THEN 'failed' ELSE 'sent' END, last_error = $3 WHERE week = $1 AND claimed_by = $2`,
        [week, owner, reason.slice(0, 1024)],
      ),
    );
  }

  public async entry(week: string): Promise<LedgerEntry | undefined> {
    const { rows } = await this.with((c) =>
      c.query<{
        week: string;
        status: LedgerEntry['status'];
        sends: number;
        sent_at: Date | string | null;
        transport: string | null;
        last_error: string | null;
      }>(`SELECT week, status, sends, sent_at, transport, last_error FROM ${this.table} WHERE week = $1`, [week]),
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          week: row.week,
          status: row.status,
          sends: Number(row.sends),
          sentAt: row.sent_at === null ? null : utc(row.sent_at),
          transport: row.transport,
          lastError: row.last_error,
        };
  }

  private async with<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error: unknown) {
      // A connection that failed mid-statement is discarded, not handed to the next call.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

/** TIMESTAMP columns hold UTC; pg hands them over as a local-time Date or as text depending on the parser. */
function utc(value: Date | string | null): string {
  if (value === null) return '';
  if (value instanceof Date) return new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString();
  return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}
