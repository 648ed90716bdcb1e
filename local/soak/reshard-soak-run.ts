// One reshard-under-load run: fresh stream, daemon, producing while UpdateShardCount from -> to, then reconciled.
import * as path from 'node:path';
import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import type { Logger } from '../../common/logger';
import { waitForActive } from '../stand-ins/stream-setup';
import { sleep } from '../../common/sleep';
import { countGuardDrops } from './guard-log-count';
import { SoakPipeline } from './soak-pipeline';
import type { SoakStack } from './soak-stack';
import type { KclGeneration } from '../../daemon/kcl-generation';

export interface ReshardRunOptions {
  readonly stack: SoakStack;
  readonly dir: string;
  readonly from: number;
  readonly to: number;
  readonly ratePerSecond: number;
  /** Producing before and after the reshard. */
  readonly beforeMs: number;
  readonly afterMs: number;
  readonly deliveryTimeoutMs: number;
  readonly guard: boolean;
  /** Default: DEFAULT_KCL_GENERATION. */
  readonly generation?: KclGeneration;
  readonly logger: Logger;
  readonly progress: (line: string) => void;
}

export interface ReshardRunResult {
  readonly runId: string;
  readonly produced: number;
  readonly archived: number;
  readonly loaded: number;
  readonly duplicates: number;
  readonly missing: number;
  /** Missing tweets at or behind their shard's checkpoint: lost (the rest of `missing` was not read before the stop). */
  readonly lost: number;
  readonly unexpected: number;
  /** What the consumers' shard-range guards dropped (evidence the race happened and was handled). */
  readonly guardDroppedAggregates: number;
  readonly elapsedMs: number;
  readonly delivered: boolean;
}

export async function runReshardOnce(o: ReshardRunOptions): Promise<ReshardRunResult> {
  const started = Date.now();
  const pipeline = await SoakPipeline.start({
    stack: o.stack,
    dir: o.dir,
    shards: o.from,
    logger: o.logger,
    ...(o.generation === undefined ? {} : { generation: o.generation }),
    ...(o.guard ? {} : { consumerEnv: { SHARD_RANGE_FILTER: 'off' } }),
  });
  const before = countGuardDrops(path.join(o.dir, 'logs', 'consumer'));
  let delivered = false;
  try {
    pipeline.startProducing(o.ratePerSecond);
    await sleep(o.beforeMs);
    const kinesis = o.stack.factory.kinesis();
    await kinesis.send(
      new UpdateShardCountCommand({
        StreamName: pipeline.streamName,
        TargetShardCount: o.to,
        ScalingType: 'UNIFORM_SCALING',
      }),
    );
    await waitForActive(kinesis, pipeline.streamName);
    await sleep(o.afterMs);
    await pipeline.stopProducing();
    delivered = await pipeline.waitForDelivery(o.deliveryTimeoutMs, o.progress);
  } finally {
    await pipeline.stop();
  }
  // Read after the graceful stop, so anything the shutdown wrote is counted too.
  const r = await pipeline.reconcile();
  const lost = await pipeline.missingBehindCheckpoint(r);
  const after = countGuardDrops(path.join(o.dir, 'logs', 'consumer'));
  await pipeline.deleteStream();
  return {
    runId: pipeline.runId,
    produced: r.produced,
    archived: r.archived,
    loaded: r.loaded,
    duplicates: r.duplicates,
    missing: r.missing,
    lost,
    unexpected: r.details.unexpected,
    guardDroppedAggregates: after.aggregates - before.aggregates,
    elapsedMs: Date.now() - started,
    delivered,
  };
}
