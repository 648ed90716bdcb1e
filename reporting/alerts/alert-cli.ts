// `npm run alert`: polls the posts table every N seconds (or once), raises negative alerts to SNS, a chat webhook and/or a JSON-lines file.
import { parseArgs } from 'node:util';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { AwsSettings } from '../../common/aws/aws-settings';
import { describeError } from '../../common/errors';
import { redactText } from '../../common/redact';
import { sleep } from '../../common/sleep';
import { failureExit, type CliDeps } from '../cli-deps';
import { REPORTING_EXIT } from '../reporting-errors';
import type { PostReader } from '../posts/post-reader';
import type { PostsSource } from '../posts/posts-source';
import { PgPostReader } from '../posts/pg-post-reader';
import { readAlertConfig } from './alert-config';
import { ALERT_SETTINGS } from './alert-settings';
import { settingsText } from '../../common/config/setting';
import type { AlertNotifier } from './alert-notifier';
import { readAlertState, writeAlertState } from './alert-state-file';
import { alertRenderer } from './alert-messages';
import { alertSubject } from './alert-text';
import { topAlertTerms } from './alert-terms';
import { JsonlAlertNotifier } from './jsonl-alert-notifier';
import { NegativeBurstDetector } from './negative-burst-detector';
import { NegativeBurstWatch } from './negative-burst-watch';
import { NegativeShareRule } from './negative-share-rule';
import { WebhookNotifier } from './webhook-notifier';
import { localeFormat } from '../i18n/locale';
import { AwsClientFactory } from '../../common/aws/client-factory';
import { SnsNotifier } from './sns-notifier';

export const ALERT_USAGE = `usage: npm run alert -- [--once] [--interval SECONDS] [--topic-arn ARN] [--alerts-file FILE|none] [--state-file FILE|none]
                        [--threshold N] [--window-minutes N] [--json]
  alerts when more than --threshold (3) distinct NEGATIVE posts fall within --window-minutes (5); one alert per burst;
  optionally (ALERT_RELATIVE_RULE=true) when the last hour's negative share is above the same hours of the previous
  7 days by ALERT_RELATIVE_MARGIN_POINTS (20). Channels: the file, SNS, ALERT_WEBHOOK_URL (Slack or Teams).
  Language REPORTING_LOCALE (en|es); settings and messages: docs/alerts.md
  --once --json prints exactly one JSON object: {"raised":bool,"checkedAt":...,"negativePostsRead":N,"failedChannels":[...],"alert"?:{...}}
                ("alerts":[...] too when both rules fired in one check)
                (on an error: {"raised":false,"error":"...","exitCode":1|2})
exit codes: 0 no alert (or stopped), 1 error, 2 bad arguments or configuration, 3 an alert was raised (--once)`;

export interface AlertCliDeps extends CliDeps {
  readonly openReader?: (source: PostsSource) => PostReader;
  readonly snsClient?: (settings: AwsSettings) => SNSClient;
  /** The webhook's HTTP client (default: Node's fetch). */
  readonly fetch?: typeof fetch;
}

export async function runAlertCli(argv: readonly string[], deps: AlertCliDeps): Promise<number> {
  let reader: PostReader | undefined;
  let sns: SNSClient | undefined;
  let jsonOnce = false;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        once: { type: 'boolean' },
        interval: { type: 'string' },
        'topic-arn': { type: 'string' },
        'alerts-file': { type: 'string' },
        'state-file': { type: 'string' },
        threshold: { type: 'string' },
        'window-minutes': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help === true) {
      deps.print(ALERT_USAGE);
      return REPORTING_EXIT.ok;
    }
    jsonOnce = values.once === true && values.json === true;
    const config = readAlertConfig(
      settingsText(ALERT_SETTINGS, {
        intervalSeconds: values.interval,
        snsTopicArn: values['topic-arn'],
        alertsFile: values['alerts-file'],
        stateFile: values['state-file'],
        threshold: values.threshold,
        windowMinutes: values['window-minutes'],
      }),
      deps.env,
    );
    const render = alertRenderer(localeFormat(config.locale, config.timeZone), config.timeZone);
    const notifiers: AlertNotifier[] = [];
    if (config.alertsFile !== undefined) notifiers.push(new JsonlAlertNotifier(config.alertsFile));
    if (config.topicArn !== undefined) {
      sns = (deps.snsClient ?? ((aws: AwsSettings) => new AwsClientFactory(aws).sns()))(config.aws);
      notifiers.push(new SnsNotifier(sns, config.topicArn, render));
    }
    if (config.webhook !== undefined)
      notifiers.push(
        new WebhookNotifier({
          ...config.webhook,
          render,
          ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
          ...(deps.signal === undefined ? {} : { signal: deps.signal }),
          onRetry: (error, attempt, delayMs) =>
            deps.logger.warn('webhook attempt failed, retrying', { attempt, delayMs, error: describeError(error) }),
        }),
      );
    reader = (deps.openReader ?? ((s) => new PgPostReader(s, deps.logger)))(config.source);
    const now = deps.now ?? Date.now;
    const saved = config.stateFile === undefined ? undefined : readAlertState(config.stateFile);
    const detector = new NegativeBurstDetector(config.detector, saved);
    const share = config.share === undefined ? undefined : new NegativeShareRule(config.share, saved?.share);
    const watch = new NegativeBurstWatch(
      reader,
      { burst: detector, ...(share === undefined ? {} : { share }) },
      notifiers,
      { dashboardUrl: config.dashboardUrl, topTerms: topAlertTerms },
      {
        lookbackMs: config.detector.windowMs + config.detector.latenessMs,
        maxPostsPerPoll: config.maxPostsPerPoll,
        maxDeliveryAttempts: 5,
      },
      deps.logger,
      now,
    );
    if (values.once !== true)
      deps.printError(
        `alert: watching ${config.source.table} every ${config.intervalSeconds} s -> ${notifiers.map((n) => n.name).join(', ')}; Ctrl-C stops it`,
      );
    let alerted = false;
    do {
      try {
        const result = await watch.poll();
        if (config.stateFile !== undefined)
          writeAlertState(config.stateFile, {
            ...detector.state(),
            share: share?.state() ?? saved?.share ?? { firing: false, lastAlertMs: null },
          });
        if (result.alert !== undefined) alerted = true;
        if (values.once === true && values.json === true) {
          // One object whatever happened, so automation can always parse the output.
          deps.print(
            JSON.stringify({
              raised: result.alert !== undefined,
              checkedAt: new Date(now()).toISOString(),
              negativePostsRead: result.negativePostsRead,
              failedChannels: result.failedChannels,
              ...(result.alert === undefined ? {} : { alert: result.alert }),
              ...(result.alerts.length > 1 ? { alerts: result.alerts } : {}),
            }),
          );
        } else {
          for (const alert of result.alerts)
            deps.print(
              values.json === true ? JSON.stringify(alert) : `${alert.detectedAt} ALERT ${alertSubject(render(alert))}`,
            );
        }
        if (result.failedChannels.length > 0)
          deps.printError(
            `alert delivery failed: ${result.failedChannels.join(', ')} (retried on the next poll, see the log)`,
          );
      } catch (error: unknown) {
        if (values.once === true) throw error;
        // A database outage must not stop the watch: log it and try again next interval.
        deps.logger.error('poll failed', { error: describeError(error) });
        deps.printError(`poll failed: ${describeError(error)}`);
      }
      if (values.once !== true) await sleep(config.intervalSeconds * 1000, deps.signal);
    } while (values.once !== true && deps.signal?.aborted !== true);
    if (values.once === true && watch.pendingDeliveries > 0) return REPORTING_EXIT.error;
    return alerted && values.once === true ? REPORTING_EXIT.alerted : REPORTING_EXIT.ok;
  } catch (error: unknown) {
    const code = failureExit(error, deps, ALERT_USAGE);
    // Even a failed check answers with one object, so a cron job's parser never meets empty output.
    if (jsonOnce)
      deps.print(JSON.stringify({ raised: false, error: redactText(describeError(error)), exitCode: code }));
    return code;
  } finally {
    sns?.destroy();
    await reader?.close().catch(() => undefined);
  }
}
