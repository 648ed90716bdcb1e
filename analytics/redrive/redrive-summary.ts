// The counts a redrive run reports (summary line or --json), shared by the dead-letter and the Lambda-failure paths.
import type { RedriveResult } from './redrive-core';

export interface RedriveCounts {
  /** Dead-letter objects, or SQS failure messages, looked at. */
  objects: number;
  /** Records (dead letters, or Kinesis records of the failed ranges) looked at. */
  records: number;
  /** Skipped: the ledger marks them redriven already. */
  alreadyRedriven: number;
  /** Loaded by every sink (or would be, on a dry run). */
  redriven: number;
  /** Rejected again (decode or a sink's refusal); they stay, with their new reason. */
  failedAgain: number;
  /** failedAgain by new reason. */
  failedAgainByReason: Record<string, number>;
  posts: number;
  vehicles: number;
}

export function emptyCounts(): RedriveCounts {
  return {
    objects: 0,
    records: 0,
    alreadyRedriven: 0,
    redriven: 0,
    failedAgain: 0,
    failedAgainByReason: {},
    posts: 0,
    vehicles: 0,
  };
}

export function tally(counts: RedriveCounts, result: RedriveResult): void {
  if (result.outcome === 'redriven') {
    counts.redriven += 1;
    counts.posts += result.posts;
    counts.vehicles += result.vehicles;
    return;
  }
  counts.failedAgain += 1;
  const reason = result.rejections[0]?.reason ?? 'processing-error';
  counts.failedAgainByReason[reason] = (counts.failedAgainByReason[reason] ?? 0) + 1;
}
