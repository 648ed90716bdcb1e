// `npm run demo -- --scenario scale`: one shard, a load past its write quota, the scheduled scaler scales up, the load drops, it scales down after the cooldown; everything reconciled.
import { randomBytes } from 'node:crypto';
import { scalerEnv } from '../../operator/scaler/scaler-settings';
import { consumerEnv } from '../../consumer/config/consumer-settings';
import type { Logger } from '../../common/logger';
import { createProducer } from '../../producer';
import { readLeases } from '../../common/kcl-lease/lease-reader';
import { startLocalStack } from '../stand-ins/local-stack';
import { ensureStream, openShardsForSeeding } from '../stand-ins/stream-setup';
import { seedLeaseTable } from '../stand-ins/seed-lease-table';
import { createLocalTables, localSinkEnv, LOCAL_POSTS_TABLE } from '../wiring/local-sinks';
import { superviseDaemon } from '../wiring/supervised-daemon';
import { sendTracedTweets, type TracedRecord } from '../trace/traced-producer';
import { countPostRows, readArchiveLines, readPostRows } from '../trace/delivery-reader';
import { reconcile, type Reconciliation } from '../trace/reconciliation';
import { sleep } from '../../common/sleep';
import { choosePorts, DEMO_BUCKET } from './demo-run';
import { localMetricsDir, localMetricsEnv, producerThroughputSink } from '../wiring/local-metrics';
import { localScalerEnv } from '../start/autoscaler';
import type { StackEndpoints } from '../stand-ins/local-stack';
import { kclVersion, type KclGeneration } from '../../daemon/kcl-generation';
import { runScalerOnce, type ScalerRun } from './scaler-runs';
import { ShardTimeline } from './shard-timeline';
import { buildScaleTimeline, type ScaleTimeline } from './scale-timeline';
import { scenarioQuotaEnv, type ScaleScenarioSettings } from './scale-scenario-settings';

/** Metrics are flushed every 5 s in the scenario, so a finished minute is in the store a few seconds after it ends. */
const SCENARIO_FLUSH_MS = 5_000;

export interface ScaleScenarioOutcome {
  readonly runId: string;
  readonly streamName: string;
  readonly timeline: ScaleTimeline;
  readonly reconciliation: Reconciliation;
  readonly failure?: string;
  readonly elapsedMs: number;
}

export interface ScaleScenarioContext {
  readonly settings: ScaleScenarioSettings;
  /** The KCL generation of the daemon (its lease table is seeded to match). */
  readonly kcl: KclGeneration;
  readonly logger: Logger;
  readonly progress: (line: string) => void;
  readonly signal: AbortSignal;
  readonly dir: string;
}

/** The scaler's settings in the scenario: the local store, a fresh ledger table, whole minutes read at once, the scenario's window, cooldown and quota. */
export function scenarioScalerEnv(
  settings: ScaleScenarioSettings,
  endpoints: StackEndpoints,
  metricsDir: string,
  table: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return {
    ...localScalerEnv(endpoints, metricsDir, env),
    ...scalerEnv({
      table,
      windowMinutes: settings.windowMinutes,
      incompleteMinutes: 0,
      recentMinutes: 1,
      scaleDownCooldownMinutes: settings.cooldownMinutes,
      pollIntervalMs: 500,
    }),
    ...scenarioQuotaEnv(settings.shardRecordsQuota),
  };
}

export async function runScaleScenario({
  settings,
  kcl,
  logger,
  progress,
  signal,
  dir,
}: ScaleScenarioContext): Promise<ScaleScenarioOutcome> {
  const started = Date.now();
  const runId = `scale${started.toString(36)}${randomBytes(2).toString('hex')}`;
  const streamName = `${runId}-stream`;
  const applicationName = `${runId}-app`;
  const stop = new AbortController();
  const timer = setTimeout(
    () => stop.abort(new Error(`timed out after ${settings.timeoutSeconds} s`)),
    settings.timeoutSeconds * 1_000,
  );
  signal.addEventListener('abort', () => stop.abort(new Error('interrupted')), { once: true });
  const ports = await choosePorts();
  progress(
    `run ${runId}: starting stand-ins (kinesis ${ports.kinesis}, dynamodb ${ports.dynamodb}, s3 ${ports.s3}, postgres ${ports.postgres}) in ${dir}`,
  );
  const stack = await startLocalStack({ dir, ports, sinks: true, buckets: [DEMO_BUCKET], persist: false });
  const metricsDir = localMetricsDir(dir);
  const shards = new ShardTimeline();
  const runs: ScalerRun[] = [];
  const marks: { overloadStartedAt?: number; overloadEndedAt?: number; producingEndedAt?: number } = {};
  const produced: TracedRecord[] = [];
  let reconciliation: Reconciliation | undefined;
  try {
    const kinesis = stack.factory.kinesis();
    const postgresUrl = stack.endpoints.postgresUrl ?? '';
    await ensureStream(kinesis, streamName, 1);
    await seedLeaseTable(
      stack.factory.dynamodb(),
      applicationName,
      await openShardsForSeeding(kinesis, streamName),
      kcl,
    );
    await createLocalTables(postgresUrl);
    const env = {
      ...localSinkEnv(DEMO_BUCKET, postgresUrl),
      ...localMetricsEnv(metricsDir, SCENARIO_FLUSH_MS),
      ...consumerEnv({
        archivePrefix: `${runId}/raw`,
        archiveStatePrefix: `${runId}/state`,
        archiveErrorPrefix: `${runId}/errors`,
      }),
    };
    progress(`stream ${streamName} (1 shard); starting the KCL ${kclVersion(kcl)} MultiLangDaemon...`);
    const supervisor = await superviseDaemon({
      daemon: {
        endpoints: stack.endpoints,
        streamName,
        applicationName,
        workerId: 'scale-worker',
        dir,
        sinks: 'all',
        env,
        generation: kcl,
      },
      logger: logger.child({ component: 'supervisor' }),
      readyTimeoutMs: 120_000,
    });
    const scalerEnv = scenarioScalerEnv(settings, stack.endpoints, metricsDir, `${runId}-scaler`, process.env);
    const doc = stack.factory.dynamodbDocument();
    const leaseWatch = setInterval(() => {
      const at = Date.now();
      void readLeases(doc, applicationName, streamName)
        .then((leases) => shards.observe(leases, at))
        .catch(() => undefined);
    }, 1_000);
    let scalerBusy: Promise<void> = Promise.resolve();
    const scalerTimer = setInterval(() => {
      scalerBusy = scalerBusy
        .then(async () => {
          const run = await runScalerOnce(streamName, scalerEnv, logger.child({ component: 'scaler' }));
          runs.push(run);
          if (run.applied)
            progress(
              `scaler: ${run.plan?.decision} ${run.plan?.currentShards} -> ${run.plan?.finalShards} shards applied`,
            );
          else if (run.plan?.decision === 'blocked' || run.exitCode === 1)
            progress(`scaler (exit ${run.exitCode}): ${run.plan?.reasons.at(-1) ?? run.messages.join(' ')}`);
        })
        .catch((error: unknown) => logger.warn('scaler run failed', { error: String(error) }));
    }, settings.scalerIntervalSeconds * 1_000);
    const applied = (decision: 'scale-up' | 'scale-down'): boolean =>
      runs.some((r) => r.applied && r.plan?.decision === decision);
    try {
      const producer = await createProducer({
        streamName,
        kinesis,
        logger: logger.child({ component: 'producer' }),
        // One Kinesis record per user record, so records per second meet the shard's write quota; kinesis-local under load
        // answers a handful of PutRecords per second, so requests carry a second's worth of records.
        options: { aggregationEnabled: false, recordMaxBufferedTime: 1_000 },
        metrics: producerThroughputSink(metricsDir, streamName, logger, SCENARIO_FLUSH_MS),
      });
      let next = 0;
      const phase = async (rate: number, until: () => boolean, maxMs: number): Promise<void> => {
        const phaseStop = new AbortController();
        const deadline = Date.now() + maxMs;
        const watch = setInterval(() => {
          if (until() || Date.now() >= deadline || stop.signal.aborted) phaseStop.abort();
        }, 250);
        try {
          while (!phaseStop.signal.aborted) {
            // Minute-long chunks: each chunk ends with a flush, which would otherwise eat into the rate.
            const sent = await sendTracedTweets(producer, {
              count: rate * 60,
              runId,
              firstIndex: next,
              ratePerSecond: rate,
              signal: phaseStop.signal,
            });
            next += sent.accepted.length + sent.failed;
            produced.push(...sent.accepted);
          }
        } finally {
          clearInterval(watch);
        }
      };
      // Low load until the next minute starts, so the overload fills whole minutes (the scaler reads per-minute sums).
      const untilMinute = 60_000 - (Date.now() % 60_000);
      progress(
        `low load (${settings.lowRate}/s) for ${(untilMinute / 1000).toFixed(0)} s, then ${settings.overloadRate} records/s on 1 shard (write quota ${settings.shardRecordsQuota} records/s${settings.shardRecordsQuota === 1_000 ? '' : ', Kinesis: 1,000'})`,
      );
      await phase(settings.lowRate, () => false, untilMinute);
      marks.overloadStartedAt = Date.now();
      progress(`overload: ${settings.overloadRate} records/s until the scaler has scaled up`);
      await phase(settings.overloadRate, () => applied('scale-up'), 240_000);
      marks.overloadEndedAt = Date.now();
      progress(
        `back to ${settings.lowRate} records/s; the scale-down waits for the window to clear (${settings.windowMinutes} min) and the cooldown (${settings.cooldownMinutes} min)`,
      );
      const mergedConsumed = (): boolean => {
        const down = runs.find((r) => r.applied && r.plan?.decision === 'scale-down');
        return (
          down !== undefined && shards.children().some((c) => c.parentShardIds.length > 1 && c.consumedAt !== undefined)
        );
      };
      await phase(settings.lowRate, mergedConsumed, (settings.windowMinutes + settings.cooldownMinutes + 4) * 60_000);
      marks.producingEndedAt = Date.now();
      await producer.close();
      progress(`produced ${produced.length}; waiting until every record is archived and loaded...`);
      while (
        !stop.signal.aborted &&
        (await countPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${runId}-`)) < produced.length
      )
        await sleep(1_000);
    } finally {
      clearInterval(scalerTimer);
      await scalerBusy;
      clearInterval(leaseWatch);
      progress('stopping: daemon (processors checkpoint), then stand-ins...');
      await supervisor.stop();
    }
    reconciliation = reconcile(
      produced,
      await readArchiveLines(stack.factory.s3(), DEMO_BUCKET, `${runId}/raw/`),
      await readPostRows(postgresUrl, LOCAL_POSTS_TABLE, `${runId}-`),
    );
  } finally {
    clearTimeout(timer);
    await stack.stop();
  }
  const failure = stop.signal.aborted ? String((stop.signal.reason as Error).message) : undefined;
  return {
    runId,
    streamName,
    reconciliation,
    elapsedMs: Date.now() - started,
    ...(failure === undefined ? {} : { failure }),
    timeline: buildScaleTimeline({ ...marks, runs, shards: shards.all(), cooldownMinutes: settings.cooldownMinutes }),
  };
}
