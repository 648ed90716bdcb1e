// Runs the scaler's `run --json` in process (the same code path as the CLI) and turns its output into timeline events.
import type { Logger } from '../../common/logger';
import { runScalerCli } from '../../operator/scaler/scaler-cli';
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

/** Runs `scaler run --stream <stream> --json` once with `env`. */
export async function runScalerOnce(
  streamName: string,
  env: Readonly<Record<string, string | undefined>>,
  logger: Logger,
  now: () => number = Date.now,
): Promise<ScalerRun> {
  const startedAt = now();
  const out: string[] = [];
  const messages: string[] = [];
  const exitCode = await runScalerCli(['run', '--stream', streamName, '--json'], {
    env,
    logger,
    print: (t) => out.push(t),
    printError: (t) => messages.push(t),
  });
  const plan = out.map(parsePlanOutput).find((p) => p !== undefined);
  return {
    startedAt,
    finishedAt: now(),
    exitCode,
    ...(plan === undefined ? {} : { plan }),
    applied: exitCode === 3,
    messages,
  };
}

/** The plan inside `run --json` output: `{plan, result}` when it applied steps, the plan alone otherwise. */
export function parsePlanOutput(text: string): ScalingPlan | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const doc = parsed as { plan?: unknown; decision?: unknown };
  const plan = (typeof doc.plan === 'object' && doc.plan !== null ? doc.plan : doc) as Partial<ScalingPlan>;
  return typeof plan.decision === 'string' && typeof plan.currentShards === 'number'
    ? (plan as ScalingPlan)
    : undefined;
}
