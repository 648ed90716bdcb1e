// cdk-nag AwsSolutions findings we accept, each acknowledged on the narrowest construct with the reason a reviewer can check.
import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges one AwsSolutions finding (`IAM5[Resource::*]`, `SMG4`, ...) on `scope` and below. */
export function acknowledge(scope: IConstruct, finding: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${finding}`, reason });
}

/** `<LogicalId.Arn>` as cdk-nag prints a resource's ARN in a finding. */
export function arnToken(resource: IConstruct): string {
  const cfn = resource.node.defaultChild as CfnResource;
  return `<${Stack.of(resource).getLogicalId(cfn)}.Arn>`;
}

/** Findings on constructs the CDK creates for us (the AwsCustomResource provider). */
export function suppressStackFindings(stack: Stack): void {
  const provider = stack.node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (provider !== undefined) {
    acknowledge(
      provider,
      'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'The CDK AwsCustomResource provider (runs the warehouse DDL once per change; deregisters the fan-out consumer on delete) writes only its own logs with this AWS policy; its call rights are the scoped statements in warehouse.ts and fan-out-consumer-cleanup.ts.',
    );
  }
}
