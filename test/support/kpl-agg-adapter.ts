// Calls the independent implementation aws-kinesis-agg with our record shape (tests, golden vectors and the bench).
import { deaggregateSync, RecordAggregator, type AggInputRecord, type AggUserRecord } from 'aws-kinesis-agg';
import type { KplRecord } from '../../common/kpl/kpl-record';
import { kplRecord } from './kpl-arbitraries';

export function toAggInput(record: KplRecord): AggInputRecord {
  const data = Buffer.from(record.data.buffer, record.data.byteOffset, record.data.byteLength);
  return record.explicitHashKey === undefined
    ? { partitionKey: record.partitionKey, data }
    : { partitionKey: record.partitionKey, explicitHashKey: record.explicitHashKey, data };
}

/** Encodes records into one aggregate with aws-kinesis-agg's RecordAggregator (throws past its 1 MiB limit). */
export function encodeWithAwsKinesisAgg(records: readonly KplRecord[]): Buffer {
  const aggregator = new RecordAggregator();
  for (const record of records) aggregator.addUserRecord(toAggInput(record));
  const encoded = aggregator.build();
  if (encoded === undefined) throw new Error('aws-kinesis-agg builds nothing from no records');
  return encoded.data;
}

/** Deaggregates with aws-kinesis-agg (checksums verified), mapped back to our record shape. */
export function decodeWithAwsKinesisAgg(aggregate: Uint8Array): KplRecord[] {
  const data = Buffer.from(aggregate.buffer, aggregate.byteOffset, aggregate.byteLength).toString('base64');
  let failure: Error | undefined;
  let userRecords: AggUserRecord[] = [];
  deaggregateSync({ partitionKey: 'envelope', sequenceNumber: '1', data }, true, (err, records) => {
    if (err) failure = err;
    else userRecords = records ?? [];
  });
  if (failure !== undefined) throw failure;
  return userRecords.map((r) => kplRecord(r.partitionKey, Buffer.from(r.data, 'base64'), r.explicitPartitionKey));
}
