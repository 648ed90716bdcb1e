// Polls the Instagram hashtag search: each poll starts at the first page of recent_media and follows paging to the end.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import type { CollectedPost } from '../collected-post';
import { isAuthFailure } from '../collector-errors';
import { emptySourceStats, type PostSourceRun, type SourceStats } from '../source-stats';
import type { HashtagBudgetLedger } from './hashtag-budget-ledger';
import type { InstagramGraphApi } from './instagram-graph-api';
import { mapInstagramMedia } from './instagram-post-mapper';

export interface InstagramPollerOptions {
  readonly api: InstagramGraphApi;
  readonly ledger: HashtagBudgetLedger;
  readonly userId: string;
  readonly hashtag: string;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Guard against a paging chain that never ends (50 items a page: 10,000 media, far beyond 24 h of one hashtag). */
  readonly maxPagesPerPoll?: number;
}

export class InstagramPoller implements PostSourceRun<CollectedPost> {
  public readonly stats: SourceStats = emptySourceStats();
  public skippedWithoutCaption = 0;

  public constructor(private readonly options: InstagramPollerOptions) {}

  public async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    const { api, logger } = this.options;
    // Refuses before the query that would exceed the budget (HashtagBudgetError ends the run).
    const budget = this.options.ledger.claim(this.options.userId, this.options.hashtag);
    logger.info('hashtag budget', budget);
    let hashtagId: string | undefined;
    while (!signal.aborted) {
      const started = Date.now();
      try {
        hashtagId ??= await api.hashtagId(this.options.hashtag, signal);
        yield* this.poll(hashtagId, signal);
        this.stats.connects += 1;
      } catch (error: unknown) {
        if (signal.aborted) return;
        if (isAuthFailure(error)) throw error;
        this.stats.httpErrors += 1;
        logger.warn('instagram poll failed, trying again at the next poll', { error: describeError(error) });
      }
      await sleep(this.options.intervalMs - (Date.now() - started), signal);
    }
  }

  private async *poll(hashtagId: string, signal: AbortSignal): AsyncGenerator<CollectedPost> {
    const maxPages = this.options.maxPagesPerPoll ?? 200;
    let page = await this.options.api.firstPage(hashtagId, signal);
    for (let pages = 1; ; pages += 1) {
      this.stats.pages += 1;
      for (const item of page.data) {
        const post = mapInstagramMedia(item);
        if (post === undefined) this.skippedWithoutCaption += 1;
        else yield post;
      }
      if (page.next === undefined || signal.aborted) return;
      if (pages >= maxPages) {
        this.options.logger.warn('stopped paging: page limit reached', { pages });
        return;
      }
      page = await this.options.api.nextPage(page.next, signal);
    }
  }
}
