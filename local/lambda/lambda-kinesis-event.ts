// Builds Lambda Kinesis events in the service's exact shape (AWS Lambda Developer Guide, "Using Lambda with Kinesis", sample event).
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

export interface EventRecordInput {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  /** Epoch milliseconds; the event carries fractional epoch seconds. */
  readonly approximateArrivalTimestampMs: number;
}

export interface EventSourceIdentity {
  readonly region: string;
  readonly streamArn: string;
}

/** One `Records[]` entry: base64 data, kinesisSchemaVersion 1.0, eventID `<shardId>:<sequenceNumber>`. */
export function kinesisEventRecord(input: EventRecordInput, source: EventSourceIdentity): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: input.partitionKey,
      sequenceNumber: input.sequenceNumber,
      data: Buffer.from(input.data).toString('base64'),
      approximateArrivalTimestamp: input.approximateArrivalTimestampMs / 1_000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${input.shardId}:${input.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/local-lambda-consumer',
    awsRegion: source.region,
    eventSourceARN: source.streamArn,
  };
}

export function kinesisEvent(records: readonly KinesisStreamRecord[]): KinesisStreamEvent {
  return { Records: [...records] };
}
