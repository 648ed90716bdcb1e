// Pure: the scale scenario's observations (scaler runs, lease-table facts, phase marks) turned into a timeline with seconds from the overload.
import type { ScalerRun } from './scaler-runs';
import type { ShardFacts } from './shard-timeline';

export interface ScaleChange {
  readonly from: number;
  readonly to: number;
  /** Seconds from the start of the overload. */
  readonly decidedAtS: number;
  readonly appliedAtS: number;
  readonly utilisation: number;
  readonly reason: string;
  /** The shards this change created, and when the daemon owned and first checkpointed each (seconds from the overload). */
  readonly children: readonly {
    readonly shardId: string;
    readonly parents: readonly string[];
    readonly ownedAtS: number | null;
    readonly consumedAtS: number | null;
  }[];
  /** Every parent reached SHARD_END no later than any of its children's first checkpoint. */
  readonly parentsFinishedFirst: boolean;
  /** Seconds from the overload until every child of this change was consumed (null: not all were). */
  readonly childrenConsumedAtS: number | null;
}

export interface ScaleTimeline {
  readonly overloadStartedAtS: 0;
  readonly overloadEndedAtS: number | null;
  readonly scaleUp: ScaleChange | null;
  readonly scaleDown: ScaleChange | null;
  /** Scale-down decisions blocked by the cooldown, with the first and last time (seconds). */
  readonly cooldownBlocks: {
    readonly count: number;
    readonly firstAtS: number | null;
    readonly lastAtS: number | null;
  };
  /** UpdateShardCount calls used (from the scaler's ledger as its last plan saw it, after the last change). */
  readonly budget: { readonly used: number; readonly limit: number } | null;
  readonly scalerRuns: number;
  /** The scale-down cooldown in force (seconds), and how long after the scale-up was applied the scale-down was decided. */
  readonly cooldownS: number | null;
  readonly scaleDownAfterScaleUpS: number | null;
}

export interface TimelineInput {
  readonly cooldownMinutes?: number;
  readonly overloadStartedAt?: number;
  readonly overloadEndedAt?: number;
  readonly runs: readonly ScalerRun[];
  readonly shards: readonly ShardFacts[];
}

export function buildScaleTimeline(input: TimelineInput): ScaleTimeline {
  const origin = input.overloadStartedAt ?? input.runs[0]?.startedAt ?? 0;
  const s = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round((ms - origin) / 100) / 10);
  const byId = new Map(input.shards.map((f) => [f.shardId, f]));
  const change = (decision: 'scale-up' | 'scale-down'): ScaleChange | null => {
    const run = input.runs.find((r) => r.applied && r.plan?.decision === decision);
    if (run?.plan === undefined) return null;
    const plan = run.plan;
    // Children of this change: leases first seen after the change started whose parents are shards open before it.
    const children = input.shards.filter(
      (f) =>
        f.parentShardIds.length > 0 &&
        f.firstSeenAt >= run.startedAt &&
        f.parentShardIds.every((p) => (byId.get(p)?.firstSeenAt ?? Infinity) < run.startedAt),
    );
    const parentsFinishedFirst = children.every(
      (c) =>
        c.consumedAt === undefined ||
        c.parentShardIds.every((p) => {
          const finished = byId.get(p)?.finishedAt;
          return finished !== undefined && finished <= c.consumedAt!;
        }),
    );
    const consumed = children.map((c) => c.consumedAt);
    return {
      from: plan.currentShards,
      to: plan.finalShards,
      decidedAtS: s(Date.parse(plan.createdAt)) ?? 0,
      appliedAtS: s(run.finishedAt) ?? 0,
      utilisation: plan.inputs.utilisation.max,
      reason: plan.reasons.at(-1) ?? '',
      children: children.map((c) => ({
        shardId: c.shardId,
        parents: c.parentShardIds,
        ownedAtS: s(c.ownedAt),
        consumedAtS: s(c.consumedAt),
      })),
      parentsFinishedFirst,
      childrenConsumedAtS:
        children.length > 0 && consumed.every((t) => t !== undefined) ? s(Math.max(...(consumed as number[]))) : null,
    };
  };
  const up = change('scale-up');
  const down = change('scale-down');
  const blocks = input.runs.filter(
    (r) => r.plan?.decision === 'blocked' && r.plan.reasons.some((x) => x.includes('cooldown')),
  );
  const last = [...input.runs].reverse().find((r) => r.plan !== undefined)?.plan;
  return {
    overloadStartedAtS: 0,
    overloadEndedAtS: s(input.overloadEndedAt),
    scaleUp: up,
    scaleDown: down,
    cooldownBlocks: { count: blocks.length, firstAtS: s(blocks[0]?.startedAt), lastAtS: s(blocks.at(-1)?.startedAt) },
    budget:
      last === undefined
        ? null
        : {
            used:
              last.budget.usedLast24h +
              (last.steps.length > 0 && input.runs.at(-1)?.applied === true ? last.steps.length : 0),
            limit: last.budget.limit,
          },
    scalerRuns: input.runs.length,
    cooldownS: input.cooldownMinutes === undefined ? null : input.cooldownMinutes * 60,
    scaleDownAfterScaleUpS:
      up === null || down === null ? null : Math.round((down.decidedAtS - up.appliedAtS) * 10) / 10,
  };
}

/** Lines for people, one event per line. */
export function renderScaleTimeline(t: ScaleTimeline): string[] {
  const lines: string[] = ['   +0.0 s  overload starts'];
  const at = (n: number | null): string =>
    n === null ? '   (not seen)' : `${n >= 0 ? '+' : ''}${n.toFixed(1)} s`.padStart(9);
  const describe = (name: string, c: ScaleChange | null): void => {
    if (c === null) {
      lines.push(`   ${name}: not applied`);
      return;
    }
    lines.push(
      `${at(c.decidedAtS)}  ${name} decided: ${c.from} -> ${c.to} shards, utilisation ${(c.utilisation * 100).toFixed(0)}% (${c.reason})`,
    );
    lines.push(`${at(c.appliedAtS)}  ${name} applied: UpdateShardCount done, stream ACTIVE`);
    for (const child of c.children) {
      lines.push(`${at(child.ownedAtS)}  daemon owns ${child.shardId} (parents ${child.parents.join(', ')})`);
      lines.push(`${at(child.consumedAtS)}  first checkpoint in ${child.shardId}`);
    }
    lines.push(
      `           parents finished (SHARD_END) before their children's first checkpoint: ${c.parentsFinishedFirst ? 'yes' : 'NO'}`,
    );
  };
  describe('scale-up', t.scaleUp);
  lines.push(`${at(t.overloadEndedAtS)}  load back down`);
  if (t.cooldownBlocks.count > 0)
    lines.push(
      `${at(t.cooldownBlocks.firstAtS)}  scale-down held by the cooldown (${t.cooldownBlocks.count} runs, last at ${at(t.cooldownBlocks.lastAtS).trim()})`,
    );
  if (t.scaleDownAfterScaleUpS !== null)
    lines.push(
      `           scale-down decided ${t.scaleDownAfterScaleUpS.toFixed(1)} s after the scale-up was applied${t.cooldownS === null ? '' : ` (cooldown ${t.cooldownS} s)`}`,
    );
  describe('scale-down', t.scaleDown);
  if (t.budget !== null)
    lines.push(
      `           budget: ${t.budget.used} of ${t.budget.limit} UpdateShardCount calls used in 24 h (${t.scalerRuns} scaler runs)`,
    );
  return lines;
}
