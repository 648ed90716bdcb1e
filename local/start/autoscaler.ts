// `npm start -- --autoscale`: the scaler's `run` (called in process) on a schedule against the local stream, reading the local metrics store; each outcome is one line.
import { describeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { EXIT } from '../../operator/scaler/exit-codes';
import { scaleStream, type ScalerRunOutcome } from '../../operator/scaler/scaler-cli';
import type { StackEndpoints } from '../stand-ins/local-stack';
import { localAwsEnv } from '../../common/aws/local-or-cloud';
import { scalerEnv } from '../../operator/scaler/scaler-settings';

export interface AutoscalerOptions {
  readonly streamName: string;
  readonly endpoints: StackEndpoints;
  readonly metricsDir: string;
  readonly intervalMs: number;
  /** Scaler settings (SCALER_* of the caller's environment); endpoints, credentials and the metrics source are set here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** One line per run that changed something or was blocked. */
  readonly say: (line: string) => void;
}

export interface Autoscaler {
  stop(): Promise<void>;
}

/** The environment the scaler runs with against the local stack. */
export function localScalerEnv(
  endpoints: StackEndpoints,
  metricsDir: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return {
    ...env,
    // Kinesis and DynamoDB only: the scaler reads metrics from the local store, not from an S3 stand-in.
    ...localAwsEnv({ region: endpoints.region, kinesis: endpoints.kinesis, dynamodb: endpoints.dynamodb }),
    ...scalerEnv({ metricsSource: 'local', metricsDir }),
  };
}

export function startAutoscaler(options: AutoscalerOptions): Autoscaler {
  const env = localScalerEnv(options.endpoints, options.metricsDir, options.env);
  const logger = options.logger.child({ component: 'autoscaler' });
  let running: Promise<void> = Promise.resolve();
  const once = async (): Promise<void> => {
    try {
      const outcome = await scaleStream(options.streamName, { env, logger });
      logger.info('scaler run', { code: outcome.code, decision: outcome.plan?.decision, messages: outcome.messages });
      if (outcome.code !== EXIT.nothingToDo) options.say(`autoscale (exit ${outcome.code}): ${describeRun(outcome)}`);
    } catch (error: unknown) {
      logger.warn('scaler run failed', { error: describeError(error) });
    }
  };
  const timer = setInterval(() => {
    running = running.then(once);
  }, options.intervalMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** One line for a run: decision, shard counts and the last reason (or the error line). */
export function describeRun(outcome: ScalerRunOutcome): string {
  const { plan } = outcome;
  if (plan === undefined) return outcome.messages.join(' | ').slice(0, 300);
  return `${plan.decision} ${plan.currentShards} -> ${plan.finalShards} shards: ${plan.reasons.at(-1) ?? ''}`;
}
