// One chaos soak: the pipeline produces while N seeded faults are injected, then both sinks and the dead letters are reconciled.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import { sleep } from '../../common/sleep';
import { chooseFaults, injectFault, seededRandom, type FaultKind } from './chaos-faults';
import { SoakPipeline } from './soak-pipeline';
import type { SoakStack } from './soak-stack';
import { StallMeter } from './stall-meter';

/** The soak fails when delivery stood still this long with records pending (issue 25: minutes were seen). */
export const MAX_STALL_LIMIT_MS = 60_000;
const STALL_SAMPLE_MS = 1_000;

export interface ChaosOptions {
  readonly stack: SoakStack;
  readonly dir: string;
  readonly faults: number;
  readonly seed: number;
  readonly shards: number;
  readonly ratePerSecond: number;
  /** Pause after each fault before the next (the pipeline keeps producing). */
  readonly pauseMs: number;
  readonly deliveryTimeoutMs: number;
  readonly logger: Logger;
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal;
}

export interface InjectedFault {
  readonly kind: FaultKind;
  readonly what: string;
  readonly tookMs: number;
}

/** The figures of the last JSON line, in the order the issue names them, plus what the exit code also checks. */
export interface ChaosOutcome {
  readonly faults: number;
  readonly produced: number;
  readonly archived: number;
  readonly loaded: number;
  readonly deadLettered: number;
  readonly missing: number;
  /** Missing tweets at or behind their shard's checkpoint: lost (the rest of `missing` was not read in time). */
  readonly lost: number;
  readonly duplicates: number;
  readonly poisonSent: number;
  readonly unexpected: number;
  readonly injected: readonly InjectedFault[];
  readonly delivered: boolean;
  readonly elapsedMs: number;
  readonly runId: string;
  /** The longest time (ms) with tweets accepted by Kinesis but not loaded, and the loaded count not moving. */
  readonly maxStallMs: number;
  /** Seconds into the run when the longest stall ended (or was last seen). */
  readonly maxStallAtS: number;
}

export function isExact(o: ChaosOutcome): boolean {
  return (
    o.delivered &&
    o.missing === 0 &&
    o.duplicates === 0 &&
    o.unexpected === 0 &&
    o.archived === o.produced &&
    o.loaded === o.produced &&
    o.deadLettered === o.poisonSent &&
    o.injected.length === o.faults &&
    o.maxStallMs <= MAX_STALL_LIMIT_MS
  );
}

export async function runChaos(o: ChaosOptions): Promise<ChaosOutcome> {
  const started = Date.now();
  const random = seededRandom(o.seed);
  const plan = chooseFaults(o.faults, random);
  o.progress(`seed ${o.seed}: ${plan.join(', ')}`);
  const pipeline = await SoakPipeline.start({ stack: o.stack, dir: o.dir, shards: o.shards, logger: o.logger });
  o.progress(`run ${pipeline.runId}: daemon running on ${o.shards} shards; producing ${o.ratePerSecond} tweets/s`);
  const injected: InjectedFault[] = [];
  let delivered = false;
  const stalls = new StallMeter();
  const metering = new AbortController();
  const meter = meterStalls(pipeline, stalls, metering.signal, o.progress, started);
  try {
    pipeline.startProducing(o.ratePerSecond);
    await sleep(o.pauseMs);
    for (const [index, kind] of plan.entries()) {
      if (o.signal.aborted) break;
      const at = Date.now();
      try {
        const what = await injectFault(kind, {
          stack: o.stack,
          pipeline,
          baseShards: o.shards,
          random,
          progress: o.progress,
        });
        injected.push({ kind, what, tookMs: Date.now() - at });
        o.progress(
          `fault ${index + 1}/${plan.length} ${kind}: ${what} (${((Date.now() - at) / 1000).toFixed(1)} s); produced ${pipeline.records.length}`,
        );
      } catch (error: unknown) {
        o.progress(`fault ${index + 1}/${plan.length} ${kind} could not be injected: ${describeError(error)}`);
      }
      await sleep(o.pauseMs);
    }
    await pipeline.stopProducing();
    o.progress(
      `producing stopped: ${pipeline.records.length} tweets and ${pipeline.poisonSent} poison records accepted; waiting for delivery...`,
    );
    delivered = await pipeline.waitForDelivery(o.deliveryTimeoutMs, o.progress);
  } finally {
    metering.abort();
    await meter;
    o.progress('stopping the daemon (processors checkpoint)...');
    await pipeline.stop();
  }
  const r = await pipeline.reconcile();
  const dead = await pipeline.deadLetters();
  const lost = await pipeline.missingBehindCheckpoint(r);
  return {
    faults: o.faults,
    produced: r.produced,
    archived: r.archived,
    loaded: r.loaded,
    deadLettered: dead.identities,
    missing: r.missing,
    lost,
    duplicates: r.duplicates,
    poisonSent: pipeline.poisonSent - pipeline.poisonFailures,
    unexpected: r.details.unexpected + dead.foreign,
    injected,
    delivered,
    elapsedMs: Date.now() - started,
    runId: pipeline.runId,
    maxStallMs: stalls.maxStallMs,
    maxStallAtS: stalls.maxStallSeenAtMs === 0 ? 0 : Math.round((stalls.maxStallSeenAtMs - started) / 1000),
  };
}

/** Samples accepted tweets and loaded rows every second until `signal`; reports a stall as it passes each 30 s. */
async function meterStalls(
  pipeline: SoakPipeline,
  stalls: StallMeter,
  signal: AbortSignal,
  progress: (line: string) => void,
  started: number,
): Promise<void> {
  let reported = 0;
  while (!signal.aborted) {
    const rows = await pipeline.rowCount().catch(() => undefined);
    stalls.observe(Date.now(), pipeline.records.length, rows);
    const bucket = Math.floor(stalls.maxStallMs / 30_000);
    if (bucket > reported) {
      reported = bucket;
      progress(
        `delivery stalled ${Math.round(stalls.maxStallMs / 1000)} s at ${Math.round((Date.now() - started) / 1000)} s: ${rows ?? '?'}/${pipeline.records.length} rows loaded`,
      );
    }
    await sleep(STALL_SAMPLE_MS, signal).catch(() => undefined);
  }
}
