// Metric names, units and dimension keys shared by the consumer (from the inside) and the checkpoint monitor (from the outside).

/** Dimension keys, verbatim in CloudWatch. Stream-level metrics omit ShardId. */
export const DIMENSION = { application: 'Application', stream: 'StreamName', shard: 'ShardId', sink: 'Sink' } as const;

/** Published by the consumer through ConsumerMetrics (dimensions Application, StreamName, ShardId). */
export const CONSUMER_METRIC = {
  recordsProcessed: 'RecordsProcessed',
  recordsDeadLettered: 'RecordsDeadLettered',
  /** Time from a batch's delivery start to every sink holding it durably: sentiment scoring plus all sinks (no Sink dimension). */
  batchDeliveryLatency: 'BatchDeliveryLatency',
  /** One per failed delivery attempt; also carries the Sink dimension (`sentiment` for scoring). */
  sinkWriteFailures: 'SinkWriteFailures',
  millisBehindLatest: 'MillisBehindLatest',
  timeSinceLastCheckpoint: 'TimeSinceLastCheckpoint',
  /**
   * While a batch is held by a systemic sink failure: ms since its delivery began, one point per slow retry (30-120 s
   * apart), none otherwise. Published per shard and per stream (Application, StreamName): the alarm watches the latter.
   */
  heldBatchAgeMs: 'HeldBatchAgeMilliseconds',
} as const;

/** Published by the checkpoint monitor per shard (Application, StreamName, ShardId). */
export const MONITOR_SHARD_METRIC = {
  checkpointLagMs: 'CheckpointLagMilliseconds',
  checkpointLagRecords: 'CheckpointLagRecords',
  staleLease: 'StaleLease',
  leaseCounter: 'LeaseCounter',
} as const;

/** Published by the checkpoint monitor per stream (Application, StreamName): what the alarms watch, stable across reshards. */
export const MONITOR_STREAM_METRIC = {
  maxCheckpointLagMs: 'MaxCheckpointLagMilliseconds',
  staleLeases: 'StaleLeaseCount',
  shardsWithoutLease: 'ShardsWithoutLease',
  openShards: 'OpenShards',
} as const;

/** The AWS/Kinesis stream metrics the scaler reads; in local mode producer and consumer write them to the local store. */
export const KINESIS_NAMESPACE = 'AWS/Kinesis';
export const KINESIS_METRIC = {
  incomingBytes: 'IncomingBytes',
  incomingRecords: 'IncomingRecords',
  writeThrottled: 'WriteProvisionedThroughputExceeded',
  getRecordsBytes: 'GetRecords.Bytes',
  iteratorAgeMs: 'GetRecords.IteratorAgeMilliseconds',
} as const;
