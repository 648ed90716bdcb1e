// Synthesises the deploy app once per test file (with cdk-nag), and reads IAM statements out of the template.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp } from '../lib/cdk-app';
import type { SentimentStack } from '../lib/sentiment-stack';
import { RESOURCELESS_ACTIONS } from '../lib/task-policies';

export interface Synthesised {
  readonly stack: SentimentStack;
  readonly template: Template;
  /** cdk-nag findings not acknowledged (rule and construct path), from validation-report.json or the synth error. */
  readonly violations: readonly string[];
  /** Acknowledged findings with their reasons. */
  readonly acknowledged: ReadonlyArray<{ readonly rule: string; readonly reason: string }>;
  readonly outdir: string;
}

/** Builds and synthesises the app with `context`; the docker asset is staged, never built. */
export function synthesise(context: Record<string, string>): Synthesised {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-synth-'));
  const app = new App({ outdir, context });
  const stack = buildApp(app, (a) => Validations.of(a).addPlugins(new AwsSolutionsChecks(a)));
  const violations: string[] = [];
  try {
    app.synth();
  } catch (error) {
    violations.push(error instanceof Error ? error.message : String(error));
  }
  const reportFile = path.join(outdir, 'validation-report.json');
  const report = fs.existsSync(reportFile)
    ? (JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ValidationReport)
    : { pluginReports: [] };
  const acknowledged: Array<{ rule: string; reason: string }> = [];
  for (const plugin of report.pluginReports) {
    for (const v of plugin.violations)
      violations.push(`${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
    for (const v of plugin.suppressedViolations ?? []) acknowledged.push({ rule: v.ruleName, reason: v.reason ?? '' });
  }
  return { stack, template: Template.fromStack(stack), violations, acknowledged, outdir };
}

interface ValidationReport {
  readonly pluginReports: ReadonlyArray<{
    readonly violations: ReadonlyArray<{
      readonly ruleName: string;
      readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
    }>;
    readonly suppressedViolations?: ReadonlyArray<{ readonly ruleName: string; readonly reason?: string }>;
  }>;
}

export interface Statement {
  readonly policy: string;
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: unknown[];
  readonly Condition?: Record<string, unknown>;
  readonly Sid?: string;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies), with the logical id it came from. */
export function identityStatements(template: Template): Statement[] {
  const out: Statement[] = [];
  const add = (policy: string, document: { Statement?: Array<Record<string, unknown>> } | undefined): void => {
    for (const st of document?.Statement ?? []) {
      out.push({
        policy,
        Effect: String(st.Effect),
        Action: asArray(st.Action as string | string[]),
        Resource: asArray(st.Resource),
        ...(st.Condition === undefined ? {} : { Condition: st.Condition as Record<string, unknown> }),
        ...(st.Sid === undefined ? {} : { Sid: String(st.Sid) }),
      });
    }
  };
  for (const [id, resource] of Object.entries(template.findResources('AWS::IAM::Policy')))
    add(
      id,
      (resource.Properties as { PolicyDocument?: { Statement?: Array<Record<string, unknown>> } }).PolicyDocument,
    );
  for (const [id, resource] of Object.entries(template.findResources('AWS::IAM::Role'))) {
    for (const inline of asArray(
      (resource.Properties as { Policies?: Array<{ PolicyDocument: { Statement?: Array<Record<string, unknown>> } }> })
        .Policies,
    ))
      add(id, inline.PolicyDocument);
  }
  return out;
}

/** The logical id of the one default policy attached to the role whose logical id starts with `rolePrefix`. */
export function statementsOfRole(template: Template, rolePrefix: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const ids = Object.entries(policies)
    .filter(([, resource]) =>
      asArray((resource.Properties as { Roles?: Array<{ Ref?: string }> }).Roles).some((role) =>
        (role.Ref ?? '').startsWith(rolePrefix),
      ),
    )
    .map(([id]) => id);
  return identityStatements(template).filter((statement) => ids.includes(statement.policy));
}

/** Wildcard actions anywhere, and actions on Resource "*" outside RESOURCELESS_ACTIONS: each as "<policy>: <action>". */
export function iamViolations(statements: readonly Statement[]): string[] {
  const allowed = statements.filter((s) => s.Effect === 'Allow');
  const wildcardActions = allowed.flatMap((s) =>
    s.Action.filter((a) => a.includes('*')).map((a) => `${s.policy}: ${a}`),
  );
  const starred = allowed
    .filter((s) => s.Resource.includes('*'))
    .flatMap((s) => s.Action.filter((a) => !RESOURCELESS_ACTIONS.includes(a)).map((a) => `${s.policy}: ${a} on *`));
  return [...wildcardActions, ...starred];
}

/** Removes the cloud assembly (it holds a staged copy of the image's build context). */
export function removeSynth(synth: Synthesised | undefined): void {
  if (synth !== undefined) fs.rmSync(synth.outdir, { recursive: true, force: true });
}
