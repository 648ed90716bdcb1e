// SelectionReader over PostgreSQL or Redshift: whole hours from the rollups where they can serve, the edges from the posts.
import { dashboardRollupNames } from '../../consumer/sinks/redshift/dashboard-rollups';
import { countTerms, type TermSource } from '../terms/count-terms';
import type { TermCount } from '../terms/rank-terms';
import { hashtagsOf, keyPhrasesOf } from './pg-post-reader';
import { POST_LABELS, type LabelCount, type PostLabel } from './post-reader';
import type { PostsSource } from './posts-source';
import type { PgQueryRunner, Row } from './pg-query-runner';
import { DAY_MS, HOUR_MS } from './rollup-queries';
import type { RollupCoverage } from './rollup-coverage';
import { rollupCanServe, type PostCursor, type Selection, type SqlEngine } from './selection';
import type { SelectionPost, SelectionReader, TermCounts } from './selection-reader';
import {
  bucketCountsQuery,
  postsPageQuery,
  rollupCountsQuery,
  rollupTermsQuery,
  termSourcesQuery,
  type RollupPart,
} from './selection-queries';

/** Posts read for terms where no rollup serves (hashtag or text filter): the newest this many. */
export const TERM_SAMPLE_POSTS = 20_000;
/** Candidate terms taken from the rollup before the edges are added and the top ones picked. */
const ROLLUP_TERM_CANDIDATES = 300;

interface Split {
  readonly head?: Selection;
  readonly middle?: Selection;
  readonly tail?: Selection;
}

export class PgSelectionReader implements SelectionReader {
  private readonly rollups;
  private readonly engine: SqlEngine;

  public constructor(
    private readonly runner: PgQueryRunner,
    private readonly source: PostsSource,
    /** The refresher itself, or its saved state (rollup-state-reader.ts); absent: the posts table only. */
    private readonly coverage?: RollupCoverage,
  ) {
    this.rollups = dashboardRollupNames(source.table);
    this.engine = source.engine ?? 'postgresql';
  }

  public async counts(selection: Selection, grain: 'minute' | 'hour', hourStartMinute = 0): Promise<LabelCount[]> {
    // The hourly rollup holds UTC hours: it serves only hours that start on the UTC hour.
    const split = grain === 'hour' && hourStartMinute === 0 ? this.split(selection) : {};
    if (split.middle === undefined)
      return countsOf(
        await this.runner.query(bucketCountsQuery(this.source.table, selection, grain, this.engine, hourStartMinute)),
      );
    const parts = await Promise.all([
      this.runner.query(rollupCountsQuery(this.rollups.hourly, split.middle)),
      ...[split.head, split.tail].flatMap((edge) =>
        edge === undefined ? [] : [this.runner.query(bucketCountsQuery(this.source.table, edge, 'hour', this.engine))],
      ),
    ]);
    return parts.flatMap(countsOf);
  }

  public async postsPage(selection: Selection, limit: number, cursor?: PostCursor): Promise<SelectionPost[]> {
    const rows = await this.runner.query(postsPageQuery(this.source.table, selection, limit, cursor, this.engine));
    return rows.map((row) => {
      const createdAtMs = Number(row.posted_at);
      const shardId = String(row.shard_id);
      const sequenceNumber = String(row.sequence_number);
      const subSequenceNumber = Number(row.sub_sequence_number);
      return {
        key: `${shardId}/${sequenceNumber}/${subSequenceNumber}`,
        postId: text(row.post_id),
        user: text(row.user_name),
        createdAtMs,
        lang: text(row.lang),
        text: typeof row.text === 'string' ? row.text : '',
        label: toLabel(row.label),
        score: row.score === null ? null : Number(row.score),
        hashtags: hashtagsOf(row.hashtags),
        source: text(row.source),
        cursor: { createdAtMs, shardId, sequenceNumber, subSequenceNumber },
      };
    });
  }

  public async termCounts(selection: Selection, limit: number, onlyTerms?: readonly string[]): Promise<TermCounts> {
    const split = this.split(selection);
    const keep = onlyTerms === undefined ? undefined : new Set(onlyTerms);
    const filter = (counts: TermCount[]): TermCount[] =>
      keep === undefined ? counts : counts.filter((c) => keep.has(c.term));
    if (split.middle === undefined) {
      const rows = await this.runner.query(
        termSourcesQuery(this.source.table, selection, TERM_SAMPLE_POSTS, this.engine),
      );
      return { counts: filter(countTerms(rows.map(termSource))), sampled: rows.length >= TERM_SAMPLE_POSTS };
    }
    const middle = this.runner.query(
      rollupTermsQuery(
        this.termParts(split.middle),
        selection,
        onlyTerms === undefined ? Math.max(limit, ROLLUP_TERM_CANDIDATES) : Math.max(1, onlyTerms.length),
        onlyTerms,
      ),
    );
    const edges = await Promise.all(
      [split.head, split.tail].flatMap((edge) =>
        edge === undefined
          ? []
          : [this.runner.query(termSourcesQuery(this.source.table, edge, TERM_SAMPLE_POSTS, this.engine))],
      ),
    );
    const merged = new Map<string, { term: string; posts: number; negative: number; scored: number }>();
    const add = (c: TermCount): void => {
      const m = merged.get(c.term) ?? { term: c.term, posts: 0, negative: 0, scored: 0 };
      m.posts += c.posts;
      m.negative += c.negative;
      m.scored += c.scored;
      merged.set(c.term, m);
    };
    for (const row of await middle)
      add({
        term: String(row.term),
        posts: Number(row.posts),
        negative: Number(row.negative),
        scored: Number(row.scored),
      });
    for (const rows of edges) for (const c of filter(countTerms(rows.map(termSource)))) add(c);
    return { counts: [...merged.values()], sampled: edges.some((rows) => rows.length >= TERM_SAMPLE_POSTS) };
  }

  public async newestLoadMs(): Promise<number | null> {
    const row = (
      await this.runner.query({
        name: 'newest-load',
        text: `SELECT MAX(loaded_at) AS newest FROM ${this.source.table}`,
        values: [],
      })
    )[0];
    return typeof row?.newest === 'number' ? row.newest : null;
  }

  public close(): Promise<void> {
    return this.runner.close();
  }

  /** Whole UTC days from the daily terms, the hours before and after them from the hourly terms. */
  private termParts(middle: Selection): RollupPart[] {
    const dayFrom = Math.ceil(middle.fromMs / DAY_MS) * DAY_MS;
    const dayTo = Math.floor(middle.toMs / DAY_MS) * DAY_MS;
    const hourly = (fromMs: number, toMs: number): RollupPart => ({
      table: this.rollups.termsHourly,
      time: 'hour',
      fromMs,
      toMs,
    });
    if (dayTo <= dayFrom) return [hourly(middle.fromMs, middle.toMs)];
    return [
      ...(middle.fromMs < dayFrom ? [hourly(middle.fromMs, dayFrom)] : []),
      { table: this.rollups.termsDaily, time: 'day', fromMs: dayFrom, toMs: dayTo },
      ...(dayTo < middle.toMs ? [hourly(dayTo, middle.toMs)] : []),
    ];
  }

  /** Whole hours the rollups hold, and the minutes before and after them, or no middle when the rollups cannot serve. */
  private split(selection: Selection): Split {
    const complete = this.coverage?.completeBeforeMs;
    if (complete === undefined || !rollupCanServe(selection)) return {};
    const midFrom = Math.ceil(selection.fromMs / HOUR_MS) * HOUR_MS;
    const midTo = Math.min(Math.floor(selection.toMs / HOUR_MS) * HOUR_MS, complete);
    if (midTo <= midFrom) return {};
    return {
      ...(selection.fromMs < midFrom ? { head: { ...selection, toMs: midFrom } } : {}),
      middle: { ...selection, fromMs: midFrom, toMs: midTo },
      ...(midTo < selection.toMs ? { tail: { ...selection, fromMs: midTo } } : {}),
    };
  }
}

function countsOf(rows: Row[]): LabelCount[] {
  return rows.map((row) => ({
    bucketMs: Number(row.bucket),
    label: toLabel(row.label),
    posts: Number(row.posts),
    scoreSum: row.score_sum === null ? 0 : Number(row.score_sum),
    scored: Number(row.scored),
  }));
}

/** A row of termSourcesQuery as term counting reads it: the stored key phrases when there are some, else the text. */
function termSource(row: Row): TermSource {
  return {
    text: typeof row.text === 'string' ? row.text : '',
    lang: text(row.lang),
    label: String(row.label),
    keyPhrases: keyPhrasesOf(row.key_phrases),
  };
}

function toLabel(value: unknown): PostLabel {
  return POST_LABELS.find((label) => label === value) ?? 'UNSCORED';
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
