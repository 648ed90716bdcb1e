// UpdateShardCount step limits: each call may at most double or halve the open shard count, so big changes take several steps.
import type { ScalingStep } from './scaling-plan';

export function stepsBetween(current: number, target: number): ScalingStep[] {
  const steps: ScalingStep[] = [];
  let from = current;
  while (from !== target) {
    const to = target > from ? Math.min(target, from * 2) : Math.max(target, Math.ceil(from / 2));
    steps.push({ from, to });
    from = to;
  }
  return steps;
}
