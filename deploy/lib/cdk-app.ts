// Builds the stack into an App from its context (shared by the CDK entry and the tests, so both synthesise the same thing).
import type { App } from 'aws-cdk-lib';
import { CONTEXT_KEYS, EXAMPLE_REPORT_FROM, readDeploySettings } from './deploy-settings';
import { SentimentStack } from './sentiment-stack';
import { Annotations } from 'aws-cdk-lib';

/** Reads the context keys (-c key=value or cdk.json), builds the stack, then lets `decorate` add aspects (cdk-nag). */
export function buildApp(app: App, decorate: (app: App) => void = () => undefined): SentimentStack {
  const context = Object.fromEntries(
    CONTEXT_KEYS.map((key) => {
      const value: unknown = app.node.tryGetContext(key);
      return [key, value === undefined || value === null ? undefined : String(value)];
    }),
  );
  const settings = readDeploySettings(context);
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;
  // Environment-agnostic unless the CLI knows the account and region (cdk deploy with credentials).
  const env =
    account !== undefined && region !== undefined && app.node.tryGetContext('envAgnostic') !== 'true'
      ? { account, region }
      : undefined;
  const stack = new SentimentStack(app, settings.stackName, {
    settings,
    ...(env === undefined ? {} : { env }),
    description:
      'Kinesis sentiment toolkit: stream, KCL consumer on Fargate, archive, Redshift, operators, alerts, weekly report',
  });
  if (settings.reportFrom === EXAMPLE_REPORT_FROM)
    Annotations.of(stack).addWarningV2(
      'kinesis-sentiment:example-sender',
      `reportFrom is the example address ${EXAMPLE_REPORT_FROM}: deploy with -c reportFrom=<your verified sender>`,
    );
  if (settings.reportTo.length === 0)
    Annotations.of(stack).addWarningV2(
      'kinesis-sentiment:no-report-recipients',
      'reportTo is empty: the weekly report task will fail until you deploy with -c reportTo=<addresses>',
    );
  if (
    settings.dashboard !== undefined &&
    settings.redshift.mode === 'existing' &&
    settings.warehouse.kind === 'redshift' &&
    settings.warehouse.readerSecretArn === undefined
  )
    Annotations.of(stack).addWarningV2(
      'kinesis-sentiment:dashboard-admin-login',
      'the dashboard reads the existing cluster with its admin secret: create a read-only user and deploy with -c redshiftReaderSecretArn=<arn> (docs/deploying-dashboard.md)',
    );
  if (
    settings.dashboard !== undefined &&
    settings.redshift.mode === 'existing' &&
    settings.warehouse.kind === 'redshift' &&
    settings.warehouse.rollupWriterSecretArn === undefined
  )
    Annotations.of(stack).addWarningV2(
      'kinesis-sentiment:rollups-admin-login',
      "the rollup refresher writes the existing cluster's rollups with its admin secret: create the rollup writer and deploy with -c redshiftRollupWriterSecretArn=<arn> (docs/deploying-dashboard.md)",
    );
  decorate(app);
  return stack;
}
