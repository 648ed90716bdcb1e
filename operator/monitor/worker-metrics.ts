// Reads what the KCL 3 coordinator sees about its workers: WorkerMetricStats (per-worker metrics), CoordinatorState (leader, client version), lease throughput.
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KclLease } from '../../common/kcl-lease/kcl-lease';

export interface WorkerMetric {
  /** The newest sample the worker persisted (for CPU: percent of the host or container), null when none yet. */
  readonly latest: number | null;
  /** The worker's operating range upper bound for this metric (for CPU: the target utilisation percent), if set. */
  readonly max: number | null;
}

export interface WorkerView {
  readonly workerId: string;
  /** When the worker last reported its metrics (`lut`, epoch seconds in the table), ISO time; null if it never did. */
  readonly lastUpdateAt: string | null;
  /** Keyed by the KCL's metric name (for example CPU); empty where the KCL has no metric source (outside EC2/ECS/EKS). */
  readonly metrics: Readonly<Record<string, WorkerMetric>>;
  readonly leases: number;
  /** Sum of `throughputKBps` over the worker's leases (KCL 3 writes it at every lease renewal), KB/s. */
  readonly throughputKBps: number;
}

export interface CoordinatorView {
  /** The worker holding the `Leader` lock item in CoordinatorState: it assigns leases. */
  readonly leader: string | null;
  /** `cv` of the `Migration3.0` item: CLIENT_VERSION_3X, or a 2.x-compatible mode while migrating. */
  readonly clientVersion: string | null;
  readonly workers: readonly WorkerView[];
}

/** `<app>-WorkerMetricStats` and `<app>-CoordinatorState` unless the properties renamed them. */
export interface Kcl3Tables {
  readonly workerMetrics: string;
  readonly coordinatorState: string;
}

export function defaultKcl3Tables(application: string): Kcl3Tables {
  return { workerMetrics: `${application}-WorkerMetricStats`, coordinatorState: `${application}-CoordinatorState` };
}

/** The coordinator's view, or undefined when the application has no KCL 3 tables (a KCL 2.x application). */
export async function readCoordinatorView(
  doc: DynamoDBDocumentClient,
  tables: Kcl3Tables,
  leases: readonly KclLease[],
): Promise<CoordinatorView | undefined> {
  const [metricItems, stateItems] = await Promise.all([
    scanIfExists(doc, tables.workerMetrics),
    scanIfExists(doc, tables.coordinatorState),
  ]);
  if (metricItems === undefined && stateItems === undefined) return undefined;
  return toCoordinatorView(metricItems ?? [], stateItems ?? [], leases);
}

/** Pure: table items and leases to the view; every worker that owns a lease or reported metrics appears once. */
export function toCoordinatorView(
  metricItems: readonly Record<string, unknown>[],
  stateItems: readonly Record<string, unknown>[],
  leases: readonly KclLease[],
): CoordinatorView {
  const byWorker = new Map<string, { lastUpdateAt: string | null; metrics: Record<string, WorkerMetric> }>();
  for (const item of metricItems) {
    if (typeof item.wid !== 'string') continue;
    const lut = Number(item.lut);
    byWorker.set(item.wid, {
      lastUpdateAt: Number.isFinite(lut) && lut > 0 ? new Date(lut * 1000).toISOString() : null,
      metrics: metricsOf(item.sts, item.opr),
    });
  }
  for (const lease of leases)
    if (lease.leaseOwner !== null && !byWorker.has(lease.leaseOwner))
      byWorker.set(lease.leaseOwner, { lastUpdateAt: null, metrics: {} });
  const workers = [...byWorker.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([workerId, seen]) => {
      const owned = leases.filter((l) => l.leaseOwner === workerId);
      return {
        workerId,
        ...seen,
        leases: owned.length,
        throughputKBps: owned.reduce((sum, l) => sum + (l.throughputKBps ?? 0), 0),
      };
    });
  const leader = stateItems.find((i) => i.key === 'Leader');
  const migration = stateItems.find((i) => i.key === 'Migration3.0');
  return {
    leader: typeof leader?.ownerName === 'string' ? leader.ownerName : null,
    clientVersion: typeof migration?.cv === 'string' ? migration.cv : null,
    workers,
  };
}

/** `sts` maps a metric name to its persisted samples (newest last); `opr` maps it to its operating range ([max]). */
function metricsOf(stats: unknown, ranges: unknown): Record<string, WorkerMetric> {
  const metrics: Record<string, WorkerMetric> = {};
  const samples = isRecord(stats) ? stats : {};
  const bounds = isRecord(ranges) ? ranges : {};
  for (const name of new Set([...Object.keys(samples), ...Object.keys(bounds)])) {
    const values = numbers(samples[name]);
    const range = numbers(bounds[name]);
    metrics[name] = { latest: values[values.length - 1] ?? null, max: range[0] ?? null };
  }
  return metrics;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number).filter(Number.isFinite) : [];
}

async function scanIfExists(
  doc: DynamoDBDocumentClient,
  table: string,
): Promise<Record<string, unknown>[] | undefined> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const out = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start !== undefined);
  } catch (error: unknown) {
    if (
      error instanceof ResourceNotFoundException ||
      (error instanceof Error && error.name === 'ResourceNotFoundException')
    )
      return undefined;
    throw error;
  }
  return items;
}
