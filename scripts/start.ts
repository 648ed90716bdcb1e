// `npm start`: the whole pipeline on this machine (stand-ins on fixed loopback ports, the real KCL daemon, a sample producer), supervised until Ctrl-C.
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createProducer } from '../producer';
import { createWinstonLogger } from '../common/winston-logger';
import { FIXED_PORTS, startLocalStack, type LocalStack } from '../local/local-stack';
import { PidRegistry, stopStaleProcesses } from '../local/pid-registry';
import { setDetachedServices } from '../local/service-process';
import { REPO_ROOT, jarsPresent } from '../local/kcl-daemon';
import { superviseDaemon } from '../local/supervised-daemon';
import { LOCAL_ACCESS_KEY } from '../local/local-daemon';
import { ensureStream, openShardsForSeeding } from '../local/stream-setup';
import { readLeasesIfAny, seedLeaseTable } from '../local/lease-table';
import { endpointsDocument, whereToLook, writeEndpointsFile } from '../local/endpoints-file';
import { CheckpointLag } from '../local/checkpoint-lag';
import { SampleTrickle } from '../local/sample-trickle';
import { startCollectorProcess } from '../local/collector-process';
import { createLocalTables, localSinkEnv } from '../local/local-sinks';
import { DeliveryCounts } from '../local/delivery-counts';
import { parseStartArgs, START_DEFAULTS, type StartArgs } from '../local/start-args';
import { kclGenerationFromEnv, kclVersion } from '../local/kcl-generation';
import type { Logger } from '../common/logger';
import { localMetricsDir, localMetricsEnv, producerThroughputSink } from '../local/local-metrics';
import { startOperatorServices } from '../local/operator-services';

async function main(): Promise<number> {
  const args = parseStartArgs(process.argv.slice(2), { ...START_DEFAULTS, kcl: kclGenerationFromEnv(process.env) });
  // Registered first: a Ctrl-C during start-up still stops everything in order.
  const stopSignal = new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  const dir = path.join(REPO_ROOT, '.local');
  const log = createWinstonLogger({ file: path.join(dir, 'logs', 'start.log'), errorsToStderr: false });
  const say = (line: string): void => { process.stdout.write(`${line}\n`); };
  // The SDK's Node-version notice goes to the log, not the terminal.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log.logger.warn('process warning', { name: warning.name, message: warning.message }));
  // Local stand-ins only: dummy keys, so real credentials in this shell are never sent to them.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: LOCAL_ACCESS_KEY });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  const registry = new PidRegistry(path.join(dir, 'pids.json'));
  for (const stale of await stopStaleProcesses(registry)) say(`stopped ${stale.name} (PID ${stale.pid}) left by an earlier run`);
  if (!jarsPresent(args.kcl) && spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'fetch-kcl-jars.mjs'), '--kcl', String(args.kcl)], { stdio: 'inherit' }).status !== 0) return 1;

  setDetachedServices(true);
  say(`starting stand-ins (kinesis ${FIXED_PORTS.kinesis}, dynamodb ${FIXED_PORTS.dynamodb}${args.sinks === 'all' ? `, s3 ${FIXED_PORTS.s3}, postgres ${FIXED_PORTS.postgres}` : ''})...`);
  const stack = await startLocalStack({ dir, ports: FIXED_PORTS, sinks: args.sinks === 'all', buckets: [args.bucket], registry });
  try {
    await runPipeline({ args, stack, dir, registry, logger: log.logger, say, stopSignal });
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
}

async function runPipeline({ args, stack, dir, registry, logger, say, stopSignal }: PipelineContext): Promise<void> {
  const kinesis = stack.factory.kinesis();
  if (await ensureStream(kinesis, args.streamName, args.shards)) say(`created stream ${args.streamName} with ${args.shards} shards`);
  if (await seedLeaseTable(stack.factory.dynamodb(), args.applicationName, await openShardsForSeeding(kinesis, args.streamName), args.kcl)) say(`created lease table ${args.applicationName}`);
  else say(`resuming from the checkpoints in lease table ${args.applicationName}`);

  const postgresUrl = stack.endpoints.postgresUrl;
  const tables = postgresUrl === undefined ? [] : await createLocalTables(postgresUrl);
  const sinkEnv = postgresUrl === undefined ? {} : localSinkEnv(args.bucket, postgresUrl);
  // Producer, consumers and the checkpoint monitor write the local metrics store, so the scaler and monitor have data.
  const metricsDir = localMetricsDir(dir);
  const daemonOptions = { endpoints: stack.endpoints, streamName: args.streamName, applicationName: args.applicationName, workerId: args.workerId, dir, sinks: args.sinks, env: { ...sinkEnv, ...localMetricsEnv(metricsDir) }, generation: args.kcl };
  const document = endpointsDocument({ endpoints: stack.endpoints, streamName: args.streamName, applicationName: args.applicationName, bucket: args.bucket, tables, logsDir: path.join(dir, 'logs'), propertiesFile: path.join(dir, `kcl-${args.workerId}.properties`), metricsDir });
  const endpointsFile = path.join(dir, 'endpoints.json');
  writeEndpointsFile(endpointsFile, document);
  say(`starting the KCL ${kclVersion(args.kcl)} MultiLangDaemon (the JVM takes a few seconds)...`);
  const supervisor = await superviseDaemon({ daemon: daemonOptions, registry, logger: logger.child({ component: 'supervisor' }) });

  const lag = new CheckpointLag();
  const producer = await createProducer({ streamName: args.streamName, kinesis, logger: logger.child({ component: 'producer' }), metrics: producerThroughputSink(metricsDir, args.streamName, logger) });
  const operators = startOperatorServices({ args, endpoints: stack.endpoints, factory: stack.factory, metricsDir, env: process.env, logger, say });
  const trickle = new SampleTrickle({ producer, recordsPerSecond: args.rate, onAccepted: (r, at) => lag.recordProduced(r.shardId, r.sequenceNumber, at), onFailed: () => undefined });
  // --source x|instagram: the collector feeds the stream instead of the samples (its progress: .local/logs/collect-<source>.out).
  const collector = args.source === 'sample' ? undefined : startCollectorProcess({ source: args.source, hashtag: args.hashtag, streamName: args.streamName, logsDir: path.join(dir, 'logs'), registry });
  if (collector !== undefined) { say(`collector: ${args.source} #${args.hashtag} (PID ${collector.pid}; progress in .local/logs/collect-${args.source}.out)`); void collector.exited.then((code) => say(`collector exited with code ${String(code)}; see .local/logs/collect-${args.source}.out`)); }
  else if (args.rate > 0) trickle.start();
  const counts = postgresUrl === undefined ? undefined : new DeliveryCounts({ s3: stack.factory.s3(), bucket: args.bucket, prefix: 'raw', postgresUrl, tables, onError: (error) => logger.warn('status count failed', { error: String(error) }) });
  counts?.start(5_000);
  for (const line of whereToLook(endpointsFile, document)) say(line);
  say('Ctrl-C stops everything (processors checkpoint first).');

  const status = setInterval(() => {
    void readLeasesIfAny(stack.factory.dynamodb(), args.applicationName).then((leases) => {
      const snapshot = lag.measure(leases, Date.now());
      const total = (n: number | undefined): string => (n === undefined ? '…' : String(n));
      const delivered = counts === undefined ? '' : ` | archived ${total(counts.archived)}, loaded ${total(counts.loaded)} (all runs)`;
      const line = `produced ${trickle.acceptedCount} | checkpointed ${trickle.acceptedCount - snapshot.records}${delivered} | lag ${snapshot.records} records, ${(snapshot.oldestMs / 1000).toFixed(1)} s | daemon PID ${supervisor.pid ?? '-'} (restarts ${supervisor.restarts})`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(150)}`); else say(line);
    }).catch(() => undefined);
  }, process.stdout.isTTY ? 1_000 : 10_000);

  await stopSignal;
  clearInterval(status);
  await counts?.stop();
  say('\nstopping: producer, daemon (graceful: processors checkpoint), stand-ins...');
  await collector?.stop();
  await trickle.stop().catch(() => undefined);
  await producer.close().catch(() => undefined);
  await operators.stop();
  await supervisor.stop();
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
