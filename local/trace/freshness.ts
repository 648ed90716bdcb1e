// Freshness of a traced run, stage by stage: produce -> accepted -> delivered to the processor -> archived -> loaded.
import type { DeliveredLine, DeliveredRow } from './delivery-reader';
import { percentileOfSorted } from '../../common/percentile';
import { payloadId } from './reconciliation';
import type { TracedRecord } from './traced-producer';

/** Percentiles of one stage's latency in milliseconds over `count` records (all 0 when count is 0). */
export interface LatencyStats {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Each stage is measured from the start of the run's record path, so the stages nest:
 * - `accepted`: handed to the producer -> the producer reports Kinesis accepted it (buffering + PutRecords);
 * - `delivered`: Kinesis' approximateArrivalTimestamp -> the processor received it in processRecords (the daemon's polling);
 * - `archived`: the processor received it -> the S3 object holding it was stored (batch age + the archive write);
 * - `loaded`: the processor received it -> its row was committed (batch age + sentiment + the load);
 * - `endToEnd`: handed to the producer -> its row was committed (what a person waiting for the dashboard sees).
 */
export interface StageFreshness {
  readonly accepted: LatencyStats;
  readonly delivered: LatencyStats;
  readonly archived: LatencyStats;
  readonly loaded: LatencyStats;
  readonly endToEnd: LatencyStats;
  /** Records handed to the producer per second over this part of the run. */
  readonly producedPerSecond: number;
}

export interface FreshnessReport {
  /** Records produced in the first `coldWindowMs` after the pipeline started (daemon start, lease taking, first reads). */
  readonly coldStart: StageFreshness;
  /** Records produced after that window. */
  readonly steadyState: StageFreshness;
  /** The stage with the largest steady-state p95 among delivered, archived and loaded (which to tune first). */
  readonly dominantStage: 'delivered' | 'archived' | 'loaded';
}

export interface FreshnessOptions {
  /** Epoch ms when the pipeline was started (the daemon launched); the cold-start window begins here. */
  readonly pipelineStartedAtMs: number;
  /** Length of the cold-start window, ms (default 60 s). */
  readonly coldWindowMs?: number;
}

/** Nearest-rank percentiles of a list of latencies (ms). */
export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 0.5),
    p95: percentileOfSorted(sorted, 0.95),
    p99: percentileOfSorted(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

interface Samples {
  accepted: number[];
  delivered: number[];
  archived: number[];
  loaded: number[];
  endToEnd: number[];
  firstMs: number;
  lastMs: number;
}

const emptySamples = (): Samples => ({
  accepted: [],
  delivered: [],
  archived: [],
  loaded: [],
  endToEnd: [],
  firstMs: Number.POSITIVE_INFINITY,
  lastMs: 0,
});

function summarise(s: Samples): StageFreshness {
  const spanS = s.lastMs > s.firstMs ? (s.lastMs - s.firstMs) / 1_000 : 0;
  return {
    accepted: latencyStats(s.accepted),
    delivered: latencyStats(s.delivered),
    archived: latencyStats(s.archived),
    loaded: latencyStats(s.loaded),
    endToEnd: latencyStats(s.endToEnd),
    producedPerSecond: spanS > 0 ? Math.round((s.accepted.length / spanS) * 10) / 10 : 0,
  };
}

/**
 * Splits a traced run into cold start and steady state and measures each stage per record. Only the first copy of a
 * line or row counts (duplicates are the reconciliation's business); records never delivered are left out of the
 * stages they did not reach. Lines without `receivedAt` (written before the consumer recorded it) count for nothing
 * but `accepted` and `endToEnd`.
 */
export function measureFreshness(
  produced: readonly TracedRecord[],
  lines: readonly DeliveredLine[],
  rows: readonly DeliveredRow[],
  options: FreshnessOptions,
): FreshnessReport {
  const coldUntil = options.pipelineStartedAtMs + (options.coldWindowMs ?? 60_000);
  const lineById = new Map<string, DeliveredLine>();
  for (const line of lines) {
    const id = payloadId(line.line);
    if (id !== undefined && !lineById.has(id)) lineById.set(id, line);
  }
  const rowById = new Map<string, DeliveredRow>();
  for (const row of rows) if (!rowById.has(row.postId)) rowById.set(row.postId, row);
  const cold = emptySamples();
  const steady = emptySamples();
  for (const record of produced) {
    const s = record.producedAtMs < coldUntil ? cold : steady;
    s.firstMs = Math.min(s.firstMs, record.producedAtMs);
    s.lastMs = Math.max(s.lastMs, record.producedAtMs);
    s.accepted.push(Math.max(0, record.acceptedAtMs - record.producedAtMs));
    const delivered = lineById.get(record.id);
    const receivedAt = delivered?.line.receivedAt;
    if (delivered !== undefined && receivedAt !== undefined) {
      s.delivered.push(Math.max(0, receivedAt - delivered.line.approximateArrivalTimestamp));
      s.archived.push(Math.max(0, delivered.lastModifiedMs - receivedAt));
    }
    const row = rowById.get(record.id);
    if (row !== undefined) {
      s.endToEnd.push(Math.max(0, row.loadedAtMs - record.producedAtMs));
      if (receivedAt !== undefined) s.loaded.push(Math.max(0, row.loadedAtMs - receivedAt));
    }
  }
  const steadyState = summarise(steady);
  const stages = (['delivered', 'archived', 'loaded'] as const).map(
    (stage) => [stage, steadyState[stage].p95] as const,
  );
  const dominantStage = stages.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  return { coldStart: summarise(cold), steadyState, dominantStage };
}

/** One line per part: `steady state (812/s): end-to-end p50 .. p95 .. p99 .. max .. ms | accepted p95 .. | ...`. */
export function formatFreshness(report: FreshnessReport): string[] {
  const part = (label: string, f: StageFreshness): string => {
    const e = f.endToEnd;
    return (
      `${label} (${f.endToEnd.count} records, ${f.producedPerSecond}/s): produce -> row p50 ${e.p50} p95 ${e.p95} p99 ${e.p99} max ${e.max} ms` +
      ` | p95 by stage: accepted ${f.accepted.p95}, delivered ${f.delivered.p95}, archived ${f.archived.p95}, loaded ${f.loaded.p95} ms`
    );
  };
  return [
    part('cold start (first minute)', report.coldStart),
    part('steady state', report.steadyState),
    `dominant stage (steady p95): ${report.dominantStage}`,
  ];
}
