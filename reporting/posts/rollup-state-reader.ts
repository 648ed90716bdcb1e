// The rollups' coverage as a reader sees it: from the state row the refresher (`npm run rollups`) saves; SELECT only, never writes.
import { HOUR_MS, loadedStateQueries } from './rollup-queries';
import type { PgQueryRunner } from './pg-query-runner';
import type { RollupCoverage } from './rollup-coverage';

/**
 * The refresher saves `loaded_through`, the newest loaded_at its last refresh brought into the rollups. Every hour
 * before the one holding it is complete as far as that refresh saw; a post loaded later for an earlier hour waits for
 * the next refresh, as when the dashboard refreshed itself. A refresher that stops leaves the coverage where it was:
 * the newer hours come from the posts table, slower but never wrong.
 */
export class RollupStateReader implements RollupCoverage {
  private complete: number | undefined;

  public constructor(
    private readonly runner: PgQueryRunner,
    private readonly postsTable: string,
  ) {}

  public get completeBeforeMs(): number | undefined {
    return this.complete;
  }

  /** Reads the state row again; no row (no refresh yet) means no coverage. Returns the new coverage. */
  public async poll(): Promise<number | undefined> {
    const saved = (await this.runner.query(loadedStateQueries(this.postsTable).through))[0]?.loaded_through;
    this.complete = typeof saved === 'number' ? Math.floor(saved / HOUR_MS) * HOUR_MS : undefined;
    return this.complete;
  }
}
