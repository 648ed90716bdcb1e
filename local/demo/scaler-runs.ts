// Runs the scaler's `run` in process (the same code path as the CLI) and turns what it did into timeline events.
import type { Logger } from '../../common/logger';
import { EXIT } from '../../operator/scaler/exit-codes';
import { scaleStream } from '../../operator/scaler/scaler-cli';
import type { ScalingPlan } from '../../operator/scaler/scaling-plan';

/** One scaler run as the scenario saw it. */
export interface ScalerRun {
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exitCode: number;
  /** The plan it made (absent when it failed before planning). */
  readonly plan?: ScalingPlan;
  /** The shard count was changed and the stream is ACTIVE again (UpdateShardCount applied). */
  readonly applied: boolean;
  /** Error or block lines from stderr. */
  readonly messages: readonly string[];
}

/** Runs the scaler's `run` once on `streamName` with `env` (the CLI's code path, in process). */
export async function runScalerOnce(
  streamName: string,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  now: () => number = Date.now,
): Promise<ScalerRun> {
  const startedAt = now();
  const outcome = await scaleStream(streamName, { env, logger });
  return {
    startedAt,
    finishedAt: now(),
    exitCode: outcome.code,
    ...(outcome.plan === undefined ? {} : { plan: outcome.plan }),
    applied: outcome.code === EXIT.changed,
    messages: outcome.messages,
  };
}
