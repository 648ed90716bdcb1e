// The CDK app: reads the deployment settings from context, builds the stack, runs cdk-nag's AwsSolutions checks on synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../../common/errors';
import { buildApp } from '../lib/cdk-app';

try {
  // Findings not acknowledged in deploy/lib/nag-suppressions.ts stop the synthesis.
  buildApp(new App(), (app) =>
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
    ),
  );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`deploy: ${error.message}\n`);
  process.exitCode = 1;
}
