// The IAM statements of each task, least privilege: exactly the documented actions, scoped to our resources' ARNs.
// Sources: the KCL's IAM documentation (stream, lease tables, index, KCL 3 tables), the service authorization reference
// (actions that take no resource: comprehend:BatchDetectSentiment/BatchDetectKeyPhrases, cloudwatch:PutMetricData/GetMetricData, the Data API's statement calls).
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';

/** Actions allowed on `Resource: "*"` because AWS defines no resource type for them (each statement also says why). */
export const RESOURCELESS_ACTIONS: readonly string[] = [
  'comprehend:BatchDetectSentiment',
  'comprehend:BatchDetectKeyPhrases',
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'redshift-data:DescribeStatement',
  'redshift-data:GetStatementResult',
  'redshift-data:CancelStatement',
  'ecr:GetAuthorizationToken',
];

/** The KCL's stream rights; enhanced fan-out adds its consumer ARNs. */
export function kclStreamStatements(stream: IStream): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'KclStream',
      actions: [
        'kinesis:DescribeStream',
        'kinesis:DescribeStreamSummary',
        'kinesis:RegisterStreamConsumer',
        'kinesis:GetRecords',
        'kinesis:GetShardIterator',
        'kinesis:ListShards',
      ],
      resources: [stream.streamArn],
    }),
    new PolicyStatement({
      sid: 'KclFanOutConsumer',
      actions: ['kinesis:SubscribeToShard', 'kinesis:DescribeStreamConsumer'],
      resources: [`${stream.streamArn}/consumer/*`],
    }),
  ];
}

/** The KCL's lease-table rights (with Query on its indexes), and the same minus UpdateTable on the KCL 3 tables. */
export function kclLeaseStatements(leaseTable: ITable, kcl3Tables: readonly ITable[]): PolicyStatement[] {
  const tableActions = [
    'dynamodb:CreateTable',
    'dynamodb:DescribeTable',
    'dynamodb:Scan',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ];
  const statements = [
    new PolicyStatement({
      sid: 'KclLeaseTable',
      actions: [...tableActions, 'dynamodb:UpdateTable'],
      resources: [leaseTable.tableArn],
    }),
    new PolicyStatement({
      sid: 'KclLeaseIndex',
      actions: ['dynamodb:Query'],
      resources: [`${leaseTable.tableArn}/index/*`],
    }),
  ];
  if (kcl3Tables.length > 0)
    statements.push(
      new PolicyStatement({
        sid: 'Kcl3Tables',
        actions: tableActions,
        resources: kcl3Tables.map((table) => table.tableArn),
      }),
    );
  return statements;
}

/** PutMetricData is resourceless: limited to our namespaces by the cloudwatch:namespace condition. */
export function putMetricDataStatement(namespaces: readonly string[]): PolicyStatement {
  return new PolicyStatement({
    sid: 'PutMetricDataOwnNamespaces',
    actions: ['cloudwatch:PutMetricData'],
    resources: ['*'],
    conditions: { StringEquals: { 'cloudwatch:namespace': [...namespaces] } },
  });
}

/** Objects under the archive's prefixes only; ListBucket (so a missing key reads as 404, not 403) limited to the same prefixes. */
export function archiveStatements(
  bucket: IBucket,
  prefixes: readonly string[],
  actions: readonly string[],
): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ArchiveObjects',
      actions: [...actions],
      resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}/*`)),
    }),
    new PolicyStatement({
      sid: 'ArchiveListPrefixes',
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes.flatMap((prefix) => [prefix, `${prefix}/*`]) } },
    }),
  ];
}

/** The Data API on one workgroup or cluster; the statement calls are resourceless and limited to the caller's own statements. */
export function redshiftDataStatements(targetArn: string): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'RedshiftDataExecute',
      actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      resources: [targetArn],
    }),
    new PolicyStatement({
      sid: 'RedshiftDataOwnStatements',
      actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult', 'redshift-data:CancelStatement'],
      resources: ['*'],
      conditions: { StringEquals: { 'redshift-data:statement-owner-iam-userid': '${aws:userid}' } },
    }),
  ];
}

/**
 * The Comprehend analyzer's calls (consumer/sentiment/comprehend-analyzer.ts): sentiment, then key phrases of the same
 * batch. Neither action has a resource type in the service authorization reference, hence `*`.
 */
export function comprehendStatement(): PolicyStatement {
  return new PolicyStatement({
    sid: 'ComprehendSentiment',
    actions: ['comprehend:BatchDetectSentiment', 'comprehend:BatchDetectKeyPhrases'],
    resources: ['*'],
  });
}

/** The scaler's stream rights: read the shape, and UpdateShardCount (only this role has it). */
export function scalerStatements(stream: IStream, scalerTable: ITable): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'ScalerStream',
      actions: ['kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:UpdateShardCount'],
      resources: [stream.streamArn],
    }),
    // Its lock and ledger (operator/scaler/scaler-store.ts creates the table when missing).
    new PolicyStatement({
      sid: 'ScalerLedger',
      actions: [
        'dynamodb:CreateTable',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ],
      resources: [scalerTable.tableArn],
    }),
    new PolicyStatement({ sid: 'ScalerMetrics', actions: ['cloudwatch:GetMetricData'], resources: ['*'] }),
  ];
}

/** The monitor reads the stream's tips and the lease table; it writes nothing but metrics. */
export function monitorStatements(stream: IStream, leaseTable: ITable): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'MonitorStream',
      actions: [
        'kinesis:DescribeStreamSummary',
        'kinesis:ListShards',
        'kinesis:GetShardIterator',
        'kinesis:GetRecords',
      ],
      resources: [stream.streamArn],
    }),
    new PolicyStatement({
      sid: 'MonitorLeases',
      actions: ['dynamodb:Scan', 'dynamodb:DescribeTable'],
      resources: [leaseTable.tableArn],
    }),
  ];
}

/** The collector only writes records. */
export function producerStatements(stream: IStream): PolicyStatement[] {
  return [
    new PolicyStatement({
      sid: 'CollectorPut',
      actions: ['kinesis:PutRecords', 'kinesis:PutRecord', 'kinesis:ListShards', 'kinesis:DescribeStreamSummary'],
      resources: [stream.streamArn],
    }),
  ];
}

/** ses:SendRawEmail for the report's sender identity (and, in the SES sandbox, its verified recipients). */
export function sendReportStatement(scope: Stack, identities: readonly string[]): PolicyStatement {
  return new PolicyStatement({
    sid: 'SendReport',
    actions: ['ses:SendRawEmail'],
    resources: identities.map((identity) =>
      Arn.format(
        { service: 'ses', resource: 'identity', resourceName: identity, arnFormat: ArnFormat.SLASH_RESOURCE_NAME },
        scope,
      ),
    ),
  });
}

/** The Data API with a SecretArn needs the caller to read that secret. */
export function secretReadStatement(secretArn: string): PolicyStatement {
  return new PolicyStatement({
    sid: 'RedshiftSecretRead',
    actions: ['secretsmanager:GetSecretValue'],
    resources: [secretArn],
  });
}
