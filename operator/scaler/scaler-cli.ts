// The scaler's commands (plan, apply, run): arguments in, text or JSON out, a documented exit code back. No process access here.
import * as fs from 'node:fs';
import { settingsText } from '../../common/config/setting';
import { SCALER_SETTINGS } from './scaler-settings';
import type { Source } from '../../common/config/config-reader';
import { AwsClientFactory } from '../../common/aws/client-factory';
import type { AwsSettings } from '../../common/aws/aws-settings';
import { describeError, ToolkitError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { EXIT, type ExitCode } from './exit-codes';
import { readScalerConfig, type ScalerConfig } from './scaler-config';
import { DynamoDbScalerStore } from './scaler-store';
import { applyPlan } from './plan-applier';
import { parsePlan } from './plan-file';
import { renderPlan, renderProgress } from './plan-table';
import { ScalingBlockedError } from './scaler-errors';
import { makePlan } from './make-plan';
import { parseScalerArgs } from './scaler-args';
import type { ScalingPlan } from './scaling-plan';

export interface ScalerCliDeps {
  readonly env: Source;
  /** Standard output of the CLI (reports and JSON). */
  readonly print: (text: string) => void;
  /** Standard error: the one-line reason of an error or a block. */
  readonly printError: (text: string) => void;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly clientFactory?: (settings: AwsSettings) => AwsClientFactory;
}

export const SCALER_USAGE = `usage: scaler <plan|apply|run> [options]
  plan  --stream NAME [--json] [--out plan.json] [--metrics-file m.json] [--save-metrics m.json]
        [--current-shards N [--on-demand]] [--ledger-file l.json] [--min-shards N] [--max-shards N] [--window-minutes N]
  apply --plan plan.json [--json]
  run   --stream NAME [--json]   (plan, then apply what it planned)
exit codes: 0 nothing to do, 1 error, 2 changes pending (plan), 3 changed, 4 blocked by a guard`;

export async function runScalerCli(argv: readonly string[], deps: ScalerCliDeps): Promise<ExitCode> {
  let factory: AwsClientFactory | undefined;
  try {
    const { command, values } = parseScalerArgs(argv);
    if (values.help === true || command === undefined || !['plan', 'apply', 'run'].includes(command)) {
      deps.print(SCALER_USAGE);
      return values.help === true ? EXIT.nothingToDo : EXIT.error;
    }
    const overrides = settingsText(SCALER_SETTINGS, {
      streamName: values.stream,
      minShards: values['min-shards'],
      maxShards: values['max-shards'],
      windowMinutes: values['window-minutes'],
      table: values.table,
    });
    const config = readScalerConfig(overrides, deps.env, command !== 'apply');
    const clients = (): AwsClientFactory =>
      (factory ??= (deps.clientFactory ?? ((s) => new AwsClientFactory(s)))(config.aws));
    const now = deps.now ?? (() => new Date());
    if (command === 'apply') {
      if (values.plan === undefined) throw new ToolkitError('USAGE', 'apply needs --plan <file>');
      return await apply(parsePlan(fs.readFileSync(values.plan, 'utf8')), config, clients, deps, values.json === true);
    }
    const plan = await makePlan(config, values, clients, now());
    if (values.out !== undefined) fs.writeFileSync(values.out, `${JSON.stringify(plan, null, 2)}\n`);
    if (command === 'plan' || plan.steps.length === 0) {
      deps.print(values.json === true ? JSON.stringify(plan, null, 2) : renderPlan(plan));
      if (plan.decision === 'blocked') return EXIT.blocked;
      return plan.steps.length > 0 ? EXIT.changesPending : EXIT.nothingToDo;
    }
    if (values.json !== true) deps.print(renderPlan(plan));
    return await apply(plan, config, clients, deps, values.json === true);
  } catch (error: unknown) {
    const blocked = error instanceof ScalingBlockedError;
    deps.logger.error(blocked ? 'scaling blocked by a guard' : 'scaler failed', { error: describeError(error) });
    deps.printError(
      `${blocked ? 'BLOCKED' : 'ERROR'}: ${error instanceof Error ? error.message : describeError(error)}`,
    );
    return blocked ? EXIT.blocked : EXIT.error;
  } finally {
    factory?.destroy();
  }
}

/** What one `run` did, for callers in the same process (the local autoscaler, the scale scenario). */
export interface ScalerRunOutcome {
  /** The CLI's exit code for the same run (EXIT). */
  readonly code: ExitCode;
  /** The plan it made (absent when it failed before planning). */
  readonly plan?: ScalingPlan;
  /** The one-line reason of an error or a block (what the CLI prints on stderr). */
  readonly messages: readonly string[];
}

/**
 * `scaler run --stream <streamName>` as a function: plan, then apply what it planned, with the settings of `deps.env`.
 * In-process callers use this instead of reading the CLI's JSON back.
 */
export async function scaleStream(
  streamName: string,
  deps: Omit<ScalerCliDeps, 'print' | 'printError'>,
): Promise<ScalerRunOutcome> {
  let factory: AwsClientFactory | undefined;
  let plan: ScalingPlan | undefined;
  const messages: string[] = [];
  try {
    const config = readScalerConfig(settingsText(SCALER_SETTINGS, { streamName }), deps.env, true);
    const clients = (): AwsClientFactory =>
      (factory ??= (deps.clientFactory ?? ((s) => new AwsClientFactory(s)))(config.aws));
    plan = await makePlan(config, {}, clients, (deps.now ?? (() => new Date()))());
    if (plan.steps.length === 0)
      return { code: plan.decision === 'blocked' ? EXIT.blocked : EXIT.nothingToDo, plan, messages };
    const quiet = { ...deps, print: () => undefined, printError: (text: string) => messages.push(text) };
    return { code: await apply(plan, config, clients, quiet, true), plan, messages };
  } catch (error: unknown) {
    const blocked = error instanceof ScalingBlockedError;
    deps.logger.error(blocked ? 'scaling blocked by a guard' : 'scaler failed', { error: describeError(error) });
    messages.push(`${blocked ? 'BLOCKED' : 'ERROR'}: ${error instanceof Error ? error.message : describeError(error)}`);
    return { code: blocked ? EXIT.blocked : EXIT.error, ...(plan === undefined ? {} : { plan }), messages };
  } finally {
    factory?.destroy();
  }
}

async function apply(
  plan: ScalingPlan,
  config: ScalerConfig,
  clients: () => AwsClientFactory,
  deps: ScalerCliDeps,
  json: boolean,
): Promise<ExitCode> {
  const store = new DynamoDbScalerStore(clients().dynamodbDocument(), clients().dynamodb(), config.table);
  if (plan.steps.length > 0) await store.ensureTable();
  const result = await applyPlan(plan, {
    kinesis: clients().kinesis(),
    store,
    operator: config.operator,
    lockTtlMs: config.lockTtlMs,
    maxPlanAgeMs: config.maxPlanAgeMs,
    activeTimeoutMs: config.activeTimeoutMs,
    pollIntervalMs: config.pollIntervalMs,
    onProgress: (event) => {
      deps.logger.info('scaling progress', { ...event, streamName: plan.streamName });
      if (!json) deps.print(renderProgress(event));
    },
  });
  if (json) deps.print(JSON.stringify({ plan, result }, null, 2));
  else
    deps.print(
      result.outcome === 'changed'
        ? `done: ${plan.streamName} now has ${plan.finalShards} open shards`
        : 'nothing to do',
    );
  return result.outcome === 'changed' ? EXIT.changed : EXIT.nothingToDo;
}
