// `npm run checkpoints -- list|reset`: a KCL application's checkpoints shown (the monitor's report) or moved to a time.
import { parseArgs } from 'node:util';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { AwsSettings } from '../../common/aws/aws-settings';
import type { Source } from '../../common/config/config-reader';
import { settingsText } from '../../common/config/setting';
import { ConfigError, describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { sleep } from '../../common/sleep';
import { observeCheckpoints } from '../monitor/checkpoint-monitor';
import { readMonitorConfig } from '../monitor/monitor-config';
import { MONITOR_SETTINGS } from '../monitor/monitor-settings';
import { renderReport } from '../monitor/report-table';
import { resetCheckpoints, type ResetOutcome } from './checkpoint-reset';

export const CHECKPOINTS_EXIT = Object.freeze({ ok: 0, error: 1, usage: 2, refused: 3 });

export const CHECKPOINTS_USAGE = `usage: checkpoints list --app NAME --stream NAME [--lease-table T] [--json]
       checkpoints reset --app NAME --stream NAME --at ISO [--lease-table T] [--observe-ms MS] [--dry-run] [--json]
  list (or show): each shard's lease, owner, checkpoint and lag (the monitor's report, one observation).
  reset: moves a STOPPED consumer's checkpoints so it resumes at the first record that reached each shard at or after
    --at (AT_TIMESTAMP): every record from there is read again, none before (the sinks keep each record once). It first
    watches the lease table for --observe-ms (default MONITOR_FAILOVER_TIME_MS, the daemon's failoverTimeMillis,
    10000) and refuses if any lease's counter moves meanwhile: a running worker renews its leases that often. Stop
    every worker first (KCL 2 and KCL 3 lease tables alike). Each lease is released for the next worker to take.
  Settings: KCL_APPLICATION_NAME (--app), KINESIS_STREAM_NAME (--stream), LEASE_TABLE, the AWS_* variables.
exit codes: 0 done, 1 error, 2 bad arguments or configuration, 3 refused (a worker holds a lease, or one moved during
  the reset: nothing, or only the leases listed as reset, were changed; stop the consumer and run again)`;

export interface CheckpointsCliDeps {
  readonly env: Source;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly clientFactory?: (settings: AwsSettings) => AwsClientFactory;
}

export async function runCheckpointsCli(argv: readonly string[], deps: CheckpointsCliDeps): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  let config: ReturnType<typeof readMonitorConfig>;
  try {
    parsed = parse(argv);
    if (parsed.help) {
      deps.print(CHECKPOINTS_USAGE);
      return CHECKPOINTS_EXIT.ok;
    }
    config = readMonitorConfig(
      settingsText(MONITOR_SETTINGS, {
        application: parsed.app,
        streamName: parsed.stream,
        leaseTable: parsed.leaseTable,
        failoverTimeMs: parsed.observeMs,
      }),
      deps.env,
    );
  } catch (error: unknown) {
    deps.printError(`${error instanceof ConfigError ? error.message : describeError(error)}\n\n${CHECKPOINTS_USAGE}`);
    return CHECKPOINTS_EXIT.usage;
  }
  const factory = (deps.clientFactory ?? ((s) => new AwsClientFactory(s)))(config.aws);
  const target = { application: config.application, streamName: config.streamName, leaseTable: config.leaseTable };
  try {
    if (parsed.command === 'list') {
      const { report } = await observeCheckpoints(
        target,
        { kinesis: factory.kinesis(), doc: factory.dynamodbDocument() },
        undefined,
        config.options,
      );
      deps.print(parsed.json ? JSON.stringify(report, null, 2) : renderReport(report));
      return CHECKPOINTS_EXIT.ok;
    }
    const observeMs = config.options.failoverTimeMs;
    deps.printError(`watching ${config.leaseTable} for ${observeMs} ms: a running worker renews its leases that often`);
    const outcome = await resetCheckpoints(
      { leaseTable: config.leaseTable, streamName: config.streamName, atMs: parsed.atMs },
      {
        doc: factory.dynamodbDocument(),
        kinesis: factory.kinesis(),
        wait: () => sleep(observeMs),
        onLease: (lease) => deps.printError(`${lease.shardId}: ${lease.to.rule}, ${lease.action}`),
      },
      parsed.dryRun,
    );
    const summary = {
      application: config.application,
      stream: config.streamName,
      leaseTable: config.leaseTable,
      at: new Date(parsed.atMs).toISOString(),
      dryRun: parsed.dryRun,
      observedMs: observeMs,
      refused: outcome.live.length > 0 || outcome.leases.some((lease) => lease.action === 'conflict'),
      ...outcome,
    };
    deps.logger.info('checkpoints reset', summary);
    deps.print(parsed.json ? JSON.stringify(summary, null, 2) : describe(outcome, parsed.dryRun));
    return summary.refused ? CHECKPOINTS_EXIT.refused : CHECKPOINTS_EXIT.ok;
  } catch (error: unknown) {
    deps.logger.error('checkpoints failed', { error: describeError(error) });
    deps.printError(`checkpoints ${parsed.command} failed: ${describeError(error)}`);
    return CHECKPOINTS_EXIT.error;
  } finally {
    factory.destroy();
  }
}

function describe(outcome: ResetOutcome, dryRun: boolean): string {
  if (outcome.live.length > 0)
    return [
      'refused: a worker holds a lease (its counter moved while we watched); stop every worker and run again',
      ...outcome.live.map((l) => `  ${l.leaseKey}: owner ${l.owner}, counter ${l.counterBefore} -> ${l.counterAfter}`),
    ].join('\n');
  const lines = outcome.leases.map((lease) => {
    const to = `${lease.to.checkpoint}/${lease.to.subSequenceNumber}`;
    const first = lease.to.firstRecord === null ? '' : ` (first record at ${lease.to.firstRecord.arrival})`;
    return `  ${lease.shardId}: ${lease.from.checkpoint}/${lease.from.subSequenceNumber} -> ${to} ${lease.to.rule}${first}: ${lease.action}`;
  });
  const conflicts = outcome.leases.filter((lease) => lease.action === 'conflict').length;
  const head =
    conflicts > 0
      ? `refused for ${conflicts} lease(s) that moved during the reset (a worker started?); the others were reset`
      : `${dryRun ? 'would reset' : 'reset'} ${outcome.leases.filter((l) => l.action !== 'unchanged').length} of ${outcome.leases.length} leases`;
  return [head, ...lines].join('\n');
}

function parse(argv: readonly string[]): {
  help: boolean;
  command: 'list' | 'reset';
  app?: string;
  stream?: string;
  leaseTable?: string;
  observeMs?: string;
  atMs: number;
  dryRun: boolean;
  json: boolean;
} {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      app: { type: 'string' },
      stream: { type: 'string' },
      'lease-table': { type: 'string' },
      at: { type: 'string' },
      'observe-ms': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const problems: string[] = [];
  const word = positionals[0];
  const command = word === 'show' ? 'list' : word;
  if (!values.help && command !== 'list' && command !== 'reset')
    problems.push(`the command must be list (or show) or reset, got "${word ?? ''}"`);
  if (positionals.length > 1) problems.push(`unexpected arguments: ${positionals.slice(1).join(' ')}`);
  const atMs = values.at === undefined ? NaN : Date.parse(values.at);
  if (!values.help && command === 'reset' && Number.isNaN(atMs))
    problems.push(`reset needs --at ISO (the time to resume at), got "${values.at ?? ''}"`);
  if (command === 'list' && (values.at !== undefined || values['dry-run']))
    problems.push('--at and --dry-run belong to reset');
  if (problems.length > 0) throw new ConfigError('checkpoints arguments', problems);
  return {
    help: values.help,
    command: command === 'reset' ? 'reset' : 'list',
    ...(values.app === undefined ? {} : { app: values.app }),
    ...(values.stream === undefined ? {} : { stream: values.stream }),
    ...(values['lease-table'] === undefined ? {} : { leaseTable: values['lease-table'] }),
    ...(values['observe-ms'] === undefined ? {} : { observeMs: values['observe-ms'] }),
    atMs,
    dryRun: values['dry-run'],
    json: values.json,
  };
}
