// Keeps the dashboard's hourly rollups (counts and terms) in step with the posts table: recomputes the hours that changed.
import type { Logger } from '../../common/logger';
import { countTerms } from '../terms/count-terms';
import { keyPhrasesOf } from './pg-post-reader';
import type { PgQueryRunner, Row } from './pg-query-runner';
import type { RollupCoverage } from './rollup-coverage';
import {
  changedHoursQuery,
  HOUR_MS,
  hourPostsQuery,
  loadedStateQueries,
  replaceDaysStatements,
  replaceHoursStatements,
  saveStateStatements,
  type TermRollupRow,
} from './rollup-queries';
import type { SqlEngine } from './selection';

/**
 * Rows committed by a transaction that began before the newest loaded_at we saw carry an earlier loaded_at (PostgreSQL
 * stamps the transaction's start): hours loaded this long before the last refresh are looked at again.
 */
export const LOAD_OVERLAP_MS = 120_000;
/** Hours recomputed per transaction. */
export const HOURS_PER_STEP = 24;

export interface RollupProgress {
  readonly hours: number;
  /** Rollups hold every hour before this (epoch ms, a UTC hour start); undefined until the first refresh ends. */
  readonly completeBeforeMs: number | undefined;
  /** The newest loaded_at the rollups hold (epoch ms; 0 while the posts table is empty). */
  readonly loadedThroughMs: number;
}

export class RollupRefresher implements RollupCoverage {
  private loadedThroughMs: number | undefined;
  private completeBefore: number | undefined;
  private running: Promise<RollupProgress> | undefined;

  public constructor(
    private readonly runner: PgQueryRunner,
    private readonly postsTable: string,
    private readonly engine: SqlEngine,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every hour before this is in the rollups (hours after it are read from the posts table). */
  public get completeBeforeMs(): number | undefined {
    return this.completeBefore;
  }

  /** One refresh; concurrent callers share the one in progress. */
  public refresh(): Promise<RollupProgress> {
    this.running ??= this.refreshOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refreshOnce(): Promise<RollupProgress> {
    const startedMs = this.now();
    const state = loadedStateQueries(this.postsTable);
    const newest = (await this.runner.query(state.newest))[0]?.newest;
    if (this.loadedThroughMs === undefined) {
      const saved = (await this.runner.query(state.through))[0]?.loaded_through;
      this.loadedThroughMs = typeof saved === 'number' ? saved : 0;
    }
    let hours = 0;
    if (typeof newest === 'number' && newest > this.loadedThroughMs) {
      const changed = await this.runner.query(
        changedHoursQuery(this.postsTable, Math.max(0, this.loadedThroughMs - LOAD_OVERLAP_MS), newest),
      );
      const hoursMs = changed.map((row) => Number(row.hour));
      for (let i = 0; i < hoursMs.length; i += HOURS_PER_STEP) await this.replace(hoursMs.slice(i, i + HOURS_PER_STEP));
      await this.runner.transaction('rollup-state', saveStateStatements(this.postsTable, newest));
      this.loadedThroughMs = newest;
      hours = hoursMs.length;
      if (hours > 0) this.logger.debug('rollups refreshed', { table: this.postsTable, hours });
    }
    this.completeBefore = Math.floor(startedMs / HOUR_MS) * HOUR_MS;
    return { hours, completeBeforeMs: this.completeBefore, loadedThroughMs: this.loadedThroughMs };
  }

  private async replace(hoursMs: readonly number[]): Promise<void> {
    const posts = await this.runner.query(hourPostsQuery(this.postsTable, hoursMs));
    await this.runner.transaction('rollup-replace', [
      ...replaceHoursStatements(this.postsTable, this.engine, hoursMs, termRollupRows(posts)),
      ...replaceDaysStatements(this.postsTable, hoursMs),
    ]);
  }
}

/** The hourly term rows of the posts hourPostsQuery read (pure): each post counts once per term, per hour, source, language and label. */
export function termRollupRows(posts: readonly Row[]): TermRollupRow[] {
  const groups = new Map<
    string,
    { hourMs: number; source: string | null; lang: string | null; label: string; rows: Row[] }
  >();
  for (const post of posts) {
    const source = typeof post.source === 'string' ? post.source : null;
    const lang = typeof post.lang === 'string' ? post.lang : null;
    const label = String(post.label);
    const key = JSON.stringify([post.hour, source, lang, label]);
    const group = groups.get(key) ?? { hourMs: Number(post.hour), source, lang, label, rows: [] };
    group.rows.push(post);
    groups.set(key, group);
  }
  const termRows: TermRollupRow[] = [];
  for (const group of groups.values()) {
    const counts = countTerms(
      group.rows.map((row) => ({
        text: typeof row.text === 'string' ? row.text : '',
        lang: group.lang,
        label: group.label,
        keyPhrases: keyPhrasesOf(row.key_phrases),
      })),
    );
    for (const c of counts)
      termRows.push({
        hourMs: group.hourMs,
        term: c.term,
        label: group.label,
        source: group.source,
        lang: group.lang,
        posts: c.posts,
      });
  }
  return termRows;
}
