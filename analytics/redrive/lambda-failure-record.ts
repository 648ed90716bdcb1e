// Parses one message of the Lambda consumer's on-failure destination: the invocation record of a Kinesis batch Lambda gave up on.
import { LambdaFailureRecordError } from './redrive-errors';

/**
 * The batch a failure record names. Source: AWS Lambda Developer Guide, "Retain discarded batch records for a Kinesis
 * Data Streams event source in Lambda" (kinesis-on-failure-destination): each record sent to an SQS or SNS destination
 * is a JSON document `{ requestContext: { requestId, functionArn, condition, approximateInvokeCount },
 * responseContext: {...}, version: "1.0", timestamp, KinesisBatchInfo: { shardId, startSequenceNumber,
 * endSequenceNumber, approximateArrivalOfFirstRecord, approximateArrivalOfLastRecord, batchSize, streamArn } }`;
 * the records themselves are not in it (only an S3 destination carries the payload), so they are read from the stream.
 */
export interface KinesisBatchFailure {
  readonly streamArn: string;
  /** The stream name, from the ARN (`arn:<partition>:kinesis:<region>:<account>:stream/<name>`). */
  readonly streamName: string;
  readonly shardId: string;
  /** First and last sequence numbers of the batch, inclusive (decimal strings). */
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly batchSize: number | null;
  /** Why Lambda gave up: RetryAttemptsExhausted, RecordAgeExceeded, ... */
  readonly condition: string | null;
}

const DIGITS = /^\d+$/;

export function parseFailureRecord(messageId: string, body: string): KinesisBatchFailure {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LambdaFailureRecordError(messageId, 'the body is not JSON');
  }
  const doc = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const info = doc.KinesisBatchInfo;
  if (typeof info !== 'object' || info === null)
    throw new LambdaFailureRecordError(messageId, 'no KinesisBatchInfo (not a Kinesis event source failure record)');
  const batch = info as Record<string, unknown>;
  const problems: string[] = [];
  const text = (name: string, pattern?: RegExp): string => {
    const value = batch[name];
    if (typeof value !== 'string' || value === '' || (pattern !== undefined && !pattern.test(value))) {
      problems.push(`KinesisBatchInfo.${name} is missing or malformed`);
      return '';
    }
    return value;
  };
  const streamArn = text('streamArn', /^arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/.+$/);
  const shardId = text('shardId');
  const startSequenceNumber = text('startSequenceNumber', DIGITS);
  const endSequenceNumber = text('endSequenceNumber', DIGITS);
  if (problems.length === 0 && BigInt(startSequenceNumber) > BigInt(endSequenceNumber))
    problems.push('startSequenceNumber is after endSequenceNumber');
  if (problems.length > 0) throw new LambdaFailureRecordError(messageId, problems.join('; '));
  const context = doc.requestContext as Record<string, unknown> | undefined;
  return {
    streamArn,
    streamName: streamArn.slice(streamArn.indexOf(':stream/') + ':stream/'.length),
    shardId,
    startSequenceNumber,
    endSequenceNumber,
    batchSize: typeof batch.batchSize === 'number' ? batch.batchSize : null,
    condition: typeof context?.condition === 'string' ? context.condition : null,
  };
}
