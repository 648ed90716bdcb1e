// Executes a saved plan exactly: lock the stream, re-check preconditions before every UpdateShardCount, record it, wait for ACTIVE.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { sleep as realSleep } from '../../common/sleep';
import { entriesInWindow } from './scaling-budget';
import type { ScalingPlan, ScalingStep } from './scaling-plan';
import { UPDATE_SHARD_COUNT_DAILY_LIMIT } from './scaling-policy';
import { describeStreamState, updateShardCount } from './kinesis-stream-state';
import type { DynamoDbScalerStore } from './scaler-store';
import { ScalingBlockedError, ScalingTimeoutError } from './scaler-errors';

export interface ApplyDeps {
  readonly kinesis: KinesisClient;
  readonly store: Pick<DynamoDbScalerStore, 'acquireLock' | 'releaseLock' | 'readLedger' | 'appendLedger'>;
  /** Who holds the lock and is written in the ledger (user@host, or the scheduler's name). */
  readonly operator: string;
  readonly lockTtlMs: number;
  readonly maxPlanAgeMs: number;
  readonly activeTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly onProgress: (event: ApplyProgress) => void;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export type ApplyProgress =
  | { readonly kind: 'step-started'; readonly step: ScalingStep; readonly index: number; readonly of: number }
  | {
      readonly kind: 'waiting';
      readonly step: ScalingStep;
      readonly status: string;
      readonly openShardCount: number;
      readonly elapsedMs: number;
    }
  | { readonly kind: 'step-done'; readonly step: ScalingStep; readonly elapsedMs: number };

export interface ApplyResult {
  readonly outcome: 'changed' | 'nothing-to-do';
  readonly stepsDone: readonly ScalingStep[];
}

export async function applyPlan(plan: ScalingPlan, deps: ApplyDeps): Promise<ApplyResult> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  if (plan.steps.length === 0) return { outcome: 'nothing-to-do', stepsDone: [] };
  if (now() - Date.parse(plan.createdAt) > deps.maxPlanAgeMs) {
    throw new ScalingBlockedError(
      'PLAN_STALE',
      `plan was made at ${plan.createdAt}, older than ${Math.round(deps.maxPlanAgeMs / 60_000)} min: plan again`,
    );
  }
  const stream = plan.streamName;
  await deps.store.acquireLock(stream, deps.operator, deps.lockTtlMs, now());
  const done: ScalingStep[] = [];
  try {
    for (const [index, step] of plan.steps.entries()) {
      await deps.store.acquireLock(stream, deps.operator, deps.lockTtlMs, now());
      await checkBudget(plan, deps, now());
      await checkPreconditions(deps.kinesis, stream, step);
      deps.onProgress({ kind: 'step-started', step, index: index + 1, of: plan.steps.length });
      const startedAt = now();
      await callUpdateShardCount(deps.kinesis, stream, step);
      await deps.store.appendLedger(stream, {
        at: new Date(startedAt).toISOString(),
        from: step.from,
        to: step.to,
        operator: deps.operator,
      });
      await waitForActive(deps, stream, step, startedAt, now, sleep);
      deps.onProgress({ kind: 'step-done', step, elapsedMs: now() - startedAt });
      done.push(step);
    }
  } finally {
    await deps.store.releaseLock(stream, deps.operator);
  }
  return { outcome: 'changed', stepsDone: done };
}

async function checkPreconditions(kinesis: KinesisClient, stream: string, step: ScalingStep): Promise<void> {
  const state = await describeStreamState(kinesis, stream);
  const problems: string[] = [];
  if (state.mode !== 'PROVISIONED') problems.push(`stream mode is ${state.mode}`);
  if (state.status !== 'ACTIVE') problems.push(`stream status is ${state.status}, not ACTIVE`);
  if (state.openShardCount !== step.from)
    problems.push(`open shard count is ${state.openShardCount}, the plan expected ${step.from}`);
  if (problems.length > 0)
    throw new ScalingBlockedError(
      'PRECONDITION_FAILED',
      `before ${step.from} -> ${step.to}: ${problems.join('; ')}: plan again`,
    );
}

async function checkBudget(plan: ScalingPlan, deps: ApplyDeps, now: number): Promise<void> {
  const used = entriesInWindow(await deps.store.readLedger(plan.streamName), new Date(now)).length;
  const ceiling = plan.budget.emergency
    ? UPDATE_SHARD_COUNT_DAILY_LIMIT
    : UPDATE_SHARD_COUNT_DAILY_LIMIT - plan.budget.reserved;
  if (used >= ceiling)
    throw new ScalingBlockedError(
      'BUDGET_EXHAUSTED',
      `${used} UpdateShardCount calls in the last 24 h; ${plan.budget.emergency ? 'none left' : 'the rest are reserved for emergencies'}`,
    );
}

/** Kinesis' own refusals that mean "a guard", not "a failure": the real daily limit (the ledger only sees our calls) and a busy stream. */
async function callUpdateShardCount(kinesis: KinesisClient, stream: string, step: ScalingStep): Promise<void> {
  try {
    await updateShardCount(kinesis, stream, step.to);
  } catch (error: unknown) {
    const name = (error as { name?: string }).name;
    if (name === 'LimitExceededException')
      throw new ScalingBlockedError(
        'BUDGET_EXHAUSTED',
        `Kinesis refused ${step.from} -> ${step.to}: ${(error as Error).message}`,
      );
    if (name === 'ResourceInUseException')
      throw new ScalingBlockedError(
        'PRECONDITION_FAILED',
        `Kinesis refused ${step.from} -> ${step.to}, stream busy: ${(error as Error).message}`,
      );
    throw error;
  }
}

async function waitForActive(
  deps: ApplyDeps,
  stream: string,
  step: ScalingStep,
  startedAt: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (;;) {
    await sleep(deps.pollIntervalMs);
    // Keep the lock alive through a long reshard, so it never expires under us.
    await deps.store.acquireLock(stream, deps.operator, deps.lockTtlMs, now());
    const state = await describeStreamState(deps.kinesis, stream);
    if (state.status === 'ACTIVE' && state.openShardCount === step.to) return;
    const elapsedMs = now() - startedAt;
    deps.onProgress({ kind: 'waiting', step, status: state.status, openShardCount: state.openShardCount, elapsedMs });
    if (elapsedMs > deps.activeTimeoutMs)
      throw new ScalingTimeoutError(
        `stream ${stream} not ACTIVE at ${step.to} shards after ${Math.round(elapsedMs / 1000)} s (status ${state.status}, ${state.openShardCount} open)`,
      );
  }
}
