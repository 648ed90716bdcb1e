// The producer library's public surface: what the collector, the local runs and the benches use (tests import deep paths).
export { createProducer } from './create-producer';
export type { KinesisProducer } from './kinesis-producer';
export type { PutResult } from './pipeline/pending-record';
export type { UserRecordInput } from './pipeline/user-record-input';
export type { ProducerStatsSnapshot } from './producer-stats';
