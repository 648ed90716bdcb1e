// The plan the scaler writes and `apply` executes: inputs, decision, reasons, steps, budget and cost, all plain JSON.
import type { ScalingPolicy } from './scaling-policy';

export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';

export interface StreamState {
  readonly streamName: string;
  readonly mode: StreamMode;
  /** CREATING | DELETING | ACTIVE | UPDATING */
  readonly status: string;
  readonly openShardCount: number;
}

export interface ObservedLoad {
  readonly completeMinutes: number;
  readonly minutesWithData: number;
  readonly writeBytesPerSec: { readonly mean: number; readonly sizing: number; readonly peak: number };
  readonly writeRecordsPerSec: { readonly mean: number; readonly sizing: number; readonly peak: number };
  readonly readBytesPerSec: { readonly mean: number; readonly sizing: number; readonly peak: number };
  readonly throttledMinutesRecent: number;
  readonly throttledRecordsTotal: number;
  readonly maxIteratorAgeMsRecent: number | null;
}

export interface Utilisation {
  readonly writeBytes: number;
  readonly writeRecords: number;
  readonly read: number;
  readonly max: number;
}

export type Decision = 'none' | 'scale-up' | 'scale-down' | 'blocked' | 'not-applicable';

export interface ScalingStep {
  readonly from: number;
  readonly to: number;
}

export interface BudgetView {
  readonly limit: number;
  readonly reserved: number;
  readonly usedLast24h: number;
  readonly emergency: boolean;
  readonly availableBefore: number;
  readonly availableAfter: number;
  /** When the oldest operation in the window leaves it (null when none was used). */
  readonly nextOperationFreedAt: string | null;
}

export interface ScalingPlan {
  readonly version: 1;
  readonly createdAt: string;
  readonly streamName: string;
  readonly inputs: {
    readonly stream: StreamState;
    readonly window: { readonly start: string; readonly end: string; readonly completeEnd: string };
    readonly load: ObservedLoad;
    readonly utilisation: Utilisation;
    readonly policy: ScalingPolicy;
  };
  readonly decision: Decision;
  readonly reasons: readonly string[];
  readonly currentShards: number;
  /** The shard count the load asks for. */
  readonly desiredShards: number;
  /** The shard count after the steps in this plan (less than desired when the budget cuts the plan short). */
  readonly finalShards: number;
  readonly steps: readonly ScalingStep[];
  readonly budget: BudgetView;
  readonly cost: {
    readonly shardHourPriceUsd: number;
    readonly hourlyChangeUsd: number;
    readonly monthlyChangeUsd: number;
  };
}
