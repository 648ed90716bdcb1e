// How far the dashboard's rollups reach: the port PgSelectionReader reads, served by the refresher itself or by the refresher's saved state.

/** Every UTC hour before `completeBeforeMs` (epoch ms, an hour start) is in the rollups; undefined: read the posts only. */
export interface RollupCoverage {
  readonly completeBeforeMs: number | undefined;
}
