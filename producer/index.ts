// The producer library's public surface.
export { createProducer, type CreateProducerParams } from './create-producer';
export { KinesisProducer, type Clock } from './kinesis-producer';
export type { PutResult } from './pipeline/pending-record';
export type { UserRecordInput } from './pipeline/user-record-input';
export { DEFAULT_PRODUCER_OPTIONS, resolveProducerOptions, type ProducerOptions } from './producer-options';
export {
  RecordExpiredError,
  RecordRejectedError,
  InvalidUserRecordError,
  ProducerClosedError,
} from './producer-errors';
export type { ProducerStatsSnapshot } from './producer-stats';
export type {
  PutRecordsTransport,
  PutRecordsEntry,
  PutRecordsResultEntry,
  ShardRange,
} from './transport/put-records-transport';
export { KinesisTransport } from './transport/kinesis-transport';
export { NullTransport } from './transport/null-transport';
