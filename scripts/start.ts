// `npm start`: the whole pipeline on this machine (stand-ins, the real KCL daemon, live sample data) plus the rollup refresher, the dashboard, the alerter and the report scheduler, supervised until Ctrl-C.
import * as path from 'node:path';
import { ARCHIVE_PREFIXES } from '../consumer/config/consumer-settings';
import { postsSourceEnv } from '../reporting/posts/posts-settings';
import { settingsText } from '../common/config/setting';
import { dashboardEnv } from '../reporting/dashboard/dashboard-settings';
import { rollupsEnv } from '../reporting/posts/rollup-settings';
import { ALERT_SETTINGS, alertEnv } from '../reporting/alerts/alert-settings';
import { createProducer } from '../producer';
import { createWinstonLogger } from '../common/winston-logger';
import { routeWarningsToLog } from './cli-process';
import { startLocalStack, type LocalStack } from '../local/stand-ins/local-stack';
import { ensureKinesisTls, type KinesisTls } from '../local/stand-ins/kinesis-tls';
import { PidRegistry, stopStaleProcesses } from '../common/process/pid-registry';
import { setDetachedServices } from '../common/process/service-process';
import { REPO_ROOT } from '../common/repo-root';
import { ensureKclJars } from '../daemon/kcl-jars';
import { superviseDaemon } from '../local/wiring/supervised-daemon';
import { useLocalCredentials } from '../common/aws/local-or-cloud';
import { ensureStream, openShardsForSeeding } from '../local/stand-ins/stream-setup';
import { readLeasesIfAny } from '../common/kcl-lease/lease-reader';
import { seedLeaseTable } from '../local/stand-ins/seed-lease-table';
import { endpointsDocument, whereToLook, writeEndpointsFile } from '../local/stand-ins/local-stack-file-writer';
import { CheckpointLag } from '../local/start/checkpoint-lag';
import { SampleTrickle } from '../local/start/sample-trickle';
import { LIVE_POSTS_DEFAULTS } from '../local/start/live-posts';
import { createLocalTables, localSinkEnv } from '../local/wiring/local-sinks';
import { DeliveryCounts } from '../local/start/delivery-counts';
import { parseStartArgs, START_DEFAULTS, START_USAGE, type StartArgs } from '../local/start/start-args';
import { runParsedCli } from './parsed-cli';
import { kclGenerationFromEnv, kclVersion } from '../daemon/kcl-generation';
import { assertStartPorts } from '../local/start/port-check';
import { superviseComponent, type ComponentSpec } from '../local/start/supervised-component';
import { AlertsFileTail } from '../local/start/alerts-file-tail';
import { startCollectorProcess } from '../local/start/collector-process';
import { localMetricsDir, localMetricsEnv, producerThroughputSink } from '../local/wiring/local-metrics';
import { startOperatorServices } from '../local/start/operator-services';
import type { Supervisor } from '../local/supervisor';
import { startHistoryBackfill } from '../local/start/history-start';
import { systemTimeZone } from '../reporting/report/zoned-week';
import type { Logger } from '../common/logger';

/** Local report addresses (reserved example domain): mail only ever lands in the outbox unless REPORT_TRANSPORT says otherwise. */
const LOCAL_REPORT_ADDRESSES = { to: ['policy-makers@example.org'], from: 'sentiment-reports@example.org' };

async function main(args: StartArgs): Promise<number> {
  // Registered first: a Ctrl-C during start-up still stops everything in order.
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const dir = path.join(REPO_ROOT, '.local');
  const log = createWinstonLogger({ file: path.join(dir, 'logs', 'start.log'), errorsToStderr: false });
  const say = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  // The SDK's Node-version notice goes to the log, not the terminal.
  routeWarningsToLog(log.logger);
  // Local stand-ins only: dummy keys, so real credentials in this shell are never sent to them.
  useLocalCredentials(process.env);
  const registry = new PidRegistry(path.join(dir, 'pids.json'));
  for (const stale of await stopStaleProcesses(registry))
    say(`stopped ${stale.name} (PID ${stale.pid}) left by an earlier run`);
  // Every port checked before anything starts: one message naming each taken or shared port and what moves it.
  await assertStartPorts(args.ports, args.sinks === 'all');
  if (!ensureKclJars(args.kcl)) return 1;

  setDetachedServices(true);
  const p = args.ports;
  say(
    `starting stand-ins (kinesis ${p.kinesis}, dynamodb ${p.dynamodb}${args.sinks === 'all' ? `, s3 ${p.s3}, postgres ${p.postgres}` : ''})...`,
  );
  // Enhanced fan-out: the stand-in's TLS port serves the project's certificate, which the daemon's JVM trusts.
  const tls = args.retrieval === 'fanout' ? await ensureKinesisTls(path.join(dir, 'tls')) : undefined;
  const stack = await startLocalStack({
    dir,
    ...(tls === undefined ? {} : { kinesisTls: tls }),
    ports: p,
    portsChecked: true,
    sinks: args.sinks === 'all',
    buckets: [args.bucket],
    registry,
  });
  try {
    await runPipeline({ args, stack, dir, registry, logger: log.logger, say, stopSignal, tls });
  } finally {
    await stack.stop();
    await log.close();
  }
  say('stopped; data kept in .local/ (a second start resumes from the checkpoints)');
  return 0;
}

interface PipelineContext {
  readonly args: StartArgs;
  readonly stack: LocalStack;
  readonly dir: string;
  readonly registry: PidRegistry;
  readonly logger: Logger;
  readonly say: (line: string) => void;
  readonly stopSignal: Promise<void>;
  /** The stand-in's TLS files, with `--retrieval fanout`. */
  readonly tls: KinesisTls | undefined;
}

/** The people-facing components (they read the posts table, so only with sinks): each a supervised child process. */
function reportingComponents(
  args: StartArgs,
  dir: string,
  endpointsFile: string,
  alertsFile: string,
  stack: LocalStack,
): ComponentSpec[] {
  const script = (name: string): string => path.join(REPO_ROOT, 'dist', 'scripts', `${name}.js`);
  const env = postsSourceEnv({ endpointsFile });
  const dashboardUrl = `http://127.0.0.1:${args.ports.dashboard}/`;
  return [
    // The only writer of the dashboard's rollups, as in the deployment: the dashboard below only reads them.
    { name: 'rollups', script: script('rollups'), env: { ...env, ...rollupsEnv({}) } },
    {
      // The stream and lease table too: the dashboard's checkpoint view (/checkpoints) reads them.
      name: 'dashboard',
      script: script('dashboard'),
      env: {
        ...env,
        ...dashboardEnv({
          port: args.ports.dashboard,
          application: args.applicationName,
          streamName: args.streamName,
          awsRegion: stack.endpoints.region,
          kinesisEndpoint: stack.endpoints.kinesis,
          dynamodbEndpoint: stack.endpoints.dynamodb,
          rollupSeconds: 0,
        }),
      },
      ready: async () => (await fetch(`${dashboardUrl}healthz`)).ok,
    },
    // Polling every second keeps the time from a burst's fourth post to the alert within the pipeline's own latency.
    {
      name: 'alerter',
      script: script('alert'),
      env: {
        ...env,
        ...alertEnv({ alertsFile, stateFile: path.join(dir, 'alert-state.json') }),
        // One second unless this shell sets another interval (the alerter checks the text); the alert's link opens
        // this dashboard unless DASHBOARD_PUBLIC_URL says otherwise.
        ...settingsText(ALERT_SETTINGS, {
          intervalSeconds: process.env[ALERT_SETTINGS.intervalSeconds.variable] ?? '1',
          dashboardPort: String(args.ports.dashboard),
        }),
      },
    },
    { name: 'report-scheduler', script: script('report'), args: ['--schedule'], env },
  ];
}

async function runPipeline({
  args,
  stack,
  dir,
  registry,
  logger,
  say,
  stopSignal,
  tls,
}: PipelineContext): Promise<void> {
  const kinesis = stack.factory.kinesis();
  if (await ensureStream(kinesis, args.streamName, args.shards))
    say(`created stream ${args.streamName} with ${args.shards} shards`);
  if (
    await seedLeaseTable(
      stack.factory.dynamodb(),
      args.applicationName,
      await openShardsForSeeding(kinesis, args.streamName),
      args.kcl,
    )
  )
    say(`created lease table ${args.applicationName}`);
  else say(`resuming from the checkpoints in lease table ${args.applicationName}`);

  const postgresUrl = stack.endpoints.postgresUrl;
  const tables = postgresUrl === undefined ? [] : await createLocalTables(postgresUrl);
  const sinkEnv = postgresUrl === undefined ? {} : localSinkEnv(args.bucket, postgresUrl, { curated: true });
  // Producer, consumers and the checkpoint monitor write the local metrics store, so the scaler and monitor have data.
  const metricsDir = localMetricsDir(dir);
  const daemonOptions = {
    endpoints: stack.endpoints,
    streamName: args.streamName,
    applicationName: args.applicationName,
    workerId: args.workerId,
    dir,
    sinks: args.sinks,
    env: { ...sinkEnv, ...localMetricsEnv(metricsDir) },
    generation: args.kcl,
    retrieval: args.retrieval,
    ...(tls === undefined ? {} : { tls }),
  };
  const people = postgresUrl !== undefined;
  const alertsFile = path.join(dir, 'alerts.jsonl');
  const document = endpointsDocument({
    endpoints: stack.endpoints,
    streamName: args.streamName,
    applicationName: args.applicationName,
    bucket: args.bucket,
    tables,
    logsDir: path.join(dir, 'logs'),
    propertiesFile: path.join(dir, `kcl-${args.workerId}.properties`),
    metricsDir,
    ...(people
      ? {
          dashboardUrl: `http://127.0.0.1:${args.ports.dashboard}/`,
          alertsFile,
          email: { outbox: path.join(dir, 'outbox'), ...LOCAL_REPORT_ADDRESSES },
        }
      : {}),
  });
  const endpointsFile = path.join(dir, 'endpoints.json');
  writeEndpointsFile(endpointsFile, document);
  say(
    `starting the KCL ${kclVersion(args.kcl)} MultiLangDaemon (${args.retrieval === 'fanout' ? 'enhanced fan-out' : 'polling'}; the JVM takes a few seconds)...`,
  );
  const supervisor = await superviseDaemon({
    daemon: daemonOptions,
    registry,
    logger: logger.child({ component: 'supervisor' }),
  });

  // Supervised children besides the daemon; stopped in reverse order. Add components here.
  const components: { name: string; supervisor: Supervisor }[] = [];
  const allSpecs = people ? reportingComponents(args, dir, endpointsFile, alertsFile, stack) : [];
  // With a history to backfill, the report scheduler starts once it is loaded: its catch-up send at start would
  // otherwise mail last week before the history reached the warehouse.
  const backfilling = people && args.source === 'sample' && args.historyDays > 0;
  const deferred = backfilling ? allSpecs.filter((s) => s.name === 'report-scheduler') : [];
  const specs = allSpecs.filter((s) => !deferred.includes(s));
  const componentContext = { logsDir: path.join(dir, 'logs'), logger, registry, say };
  try {
    for (const spec of specs)
      components.push({
        name: spec.name,
        supervisor: await superviseComponent(spec, componentContext),
      });
  } catch (error: unknown) {
    for (const c of components.reverse()) await c.supervisor.stop();
    await supervisor.stop();
    throw error;
  }

  const lag = new CheckpointLag();
  const producer = await createProducer({
    streamName: args.streamName,
    kinesis,
    logger: logger.child({ component: 'producer' }),
    metrics: producerThroughputSink(metricsDir, args.streamName, logger),
  });
  const operators = startOperatorServices({
    args,
    endpoints: stack.endpoints,
    factory: stack.factory,
    metricsDir,
    env: process.env,
    logger,
    say,
  });
  const posts = {
    ...LIVE_POSTS_DEFAULTS,
    seed: args.seed,
    postsPerMinute: args.postsPerMinute,
    burstEveryMs: args.burstMinutes * 60_000,
  };
  const trickle = new SampleTrickle({
    producer,
    recordsPerSecond: args.rate,
    posts,
    onAccepted: (r, at) => lag.recordProduced(r.shardId, r.sequenceNumber, at),
    onFailed: () => undefined,
  });
  // --source x|instagram: the collector feeds the stream instead of the samples (its progress: .local/logs/collect-<source>.out).
  const collector =
    args.source === 'sample'
      ? undefined
      : startCollectorProcess({
          source: args.source,
          hashtag: args.hashtag,
          streamName: args.streamName,
          logsDir: path.join(dir, 'logs'),
          registry,
        });
  if (collector !== undefined) {
    say(
      `collector: ${args.source} #${args.hashtag} (PID ${collector.pid}; progress in .local/logs/collect-${args.source}.out)`,
    );
    void collector.exited.then((code) =>
      say(`collector exited with code ${String(code)}; see .local/logs/collect-${args.source}.out`),
    );
  } else if (args.rate > 0 || args.postsPerMinute > 0 || args.burstMinutes > 0) trickle.start();
  // The seeded weeks behind the live posts, once (.local/history.json), so the 7- and 28-day views and the report have data.
  const postsTable = tables.find((t) => t.endsWith('post_sentiment'));
  const history =
    postgresUrl !== undefined && postsTable !== undefined && collector === undefined && args.historyDays > 0
      ? startHistoryBackfill({
          dir,
          seed: args.seed,
          days: args.historyDays,
          postsPerDay: args.historyPostsPerDay,
          timeZone: process.env.REPORT_TIME_ZONE ?? systemTimeZone(),
          producer,
          postgresUrl,
          postsTable,
          logger: logger.child({ component: 'history' }),
          say,
        })
      : undefined;
  let stopping = false;
  void history?.finished.then(async () => {
    for (const spec of deferred) {
      if (stopping) return;
      components.push({ name: spec.name, supervisor: await superviseComponent(spec, componentContext) });
    }
  });
  if (history === undefined)
    for (const spec of deferred)
      components.push({ name: spec.name, supervisor: await superviseComponent(spec, componentContext) });
  const counts =
    postgresUrl === undefined
      ? undefined
      : new DeliveryCounts({
          s3: stack.factory.s3(),
          bucket: args.bucket,
          prefix: ARCHIVE_PREFIXES.data,
          postgresUrl,
          tables,
          onError: (error) => logger.warn('status count failed', { error: String(error) }),
        });
  counts?.start(5_000);
  for (const line of whereToLook(endpointsFile, document)) say(line);
  if (people && collector === undefined)
    say(
      `sample posts: ${args.postsPerMinute}/min (seed ${args.seed})${args.burstMinutes > 0 ? `, a negative burst ${LIVE_POSTS_DEFAULTS.firstBurstAfterMs / 1000} s from now and every ${args.burstMinutes} min after` : ''}; report mailed Mondays (see npm run report -- --help)`,
    );
  say('Ctrl-C stops everything (processors checkpoint first).');

  const alerts = people ? new AlertsFileTail(alertsFile) : undefined;
  const status = setInterval(
    () => {
      for (const alert of alerts?.newLines() ?? []) say(`${process.stdout.isTTY ? '\n' : ''}ALERT ${alert}`);
      void readLeasesIfAny(stack.factory.dynamodb(), args.applicationName)
        .then((leases) => {
          const snapshot = lag.measure(leases, Date.now());
          const total = (n: number | undefined): string => (n === undefined ? '…' : String(n));
          const delivered =
            counts === undefined
              ? ''
              : ` | archived ${total(counts.archived)}, loaded ${total(counts.loaded)} (all runs)`;
          const restarts = components.map((c) => c.supervisor.restarts).reduce((a, b) => a + b, 0);
          const line = `produced ${trickle.acceptedCount} (${trickle.postCount} posts) | checkpointed ${trickle.acceptedCount - snapshot.records}${delivered} | lag ${snapshot.records} records, ${(snapshot.oldestMs / 1000).toFixed(1)} s | alerts ${alerts?.count ?? 0} | daemon PID ${supervisor.pid ?? '-'} (restarts ${supervisor.restarts + restarts})`;
          if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(170)}`);
          else say(line);
        })
        .catch(() => undefined);
    },
    process.stdout.isTTY ? 1_000 : 10_000,
  );

  await stopSignal;
  stopping = true;
  clearInterval(status);
  await counts?.stop();
  say(
    `\nstopping: producer, ${components.map((c) => c.name).join(', ')}${components.length > 0 ? ', ' : ''}daemon (graceful: processors checkpoint), stand-ins...`,
  );
  await collector?.stop();
  await history?.stop();
  await trickle.stop().catch(() => undefined);
  await producer.close().catch(() => undefined);
  for (const c of components.reverse()) await c.supervisor.stop();
  await operators.stop();
  await supervisor.stop();
}

// Bad options exit 2 with every problem and the usage; --help prints it and starts nothing.
runParsedCli(
  'start',
  START_USAGE,
  () =>
    parseStartArgs(process.argv.slice(2), { ...START_DEFAULTS, kcl: kclGenerationFromEnv(process.env) }, process.env),
  main,
);
