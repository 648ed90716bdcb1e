// The property keys the KCL 2.7.2 MultiLangDaemon understands (its configurator's bean setters and the daemon's own keys), with value types.
// Any other key is ignored silently by the daemon (commons-beanutils drops unknown properties), hence this list.

export type KeyKind = 'string' | 'integer' | 'number' | 'boolean' | 'enum' | 'list';

export interface KeySpec {
  readonly kind: KeyKind;
  readonly values?: readonly string[];
  /**
   * The field is a Java primitive copied into the KCL config only when it differs from 0/false:
   * writing the primitive default changes nothing (the KCL's own default stays).
   */
  readonly primitive?: boolean;
  /** Accepted by the configurator but read by nothing in 2.7.2. */
  readonly noEffect?: boolean;
}

const str: KeySpec = { kind: 'string' };
const num: KeySpec = { kind: 'integer', primitive: true };
const boxedNum: KeySpec = { kind: 'integer' };
const bool: KeySpec = { kind: 'boolean', primitive: true };
const boxedBool: KeySpec = { kind: 'boolean' };

export const KCL_KEYS: Readonly<Record<string, KeySpec>> = {
  // MultiLangDaemonConfig (read directly from the properties).
  executableName: str,
  processingLanguage: str,
  maxActiveThreads: boxedNum,
  // MultiLangDaemonConfiguration setters.
  applicationName: str,
  streamName: str,
  streamArn: str,
  tableName: str,
  workerId: str,
  workerIdentifier: str,
  awsCredentialsProvider: str,
  awsCredentialsProviderDynamoDB: str,
  awsCredentialsProviderCloudWatch: str,
  regionName: str,
  kinesisEndpoint: str,
  dynamoDBEndpoint: str,
  failoverTimeMillis: num,
  enablePriorityLeaseAssignment: boxedBool,
  leaseTableDeletionProtectionEnabled: boxedBool,
  leaseTablePitrEnabled: boxedBool,
  shardSyncIntervalMillis: num,
  cleanupLeasesUponShardCompletion: bool,
  ignoreUnexpectedChildShards: bool,
  maxLeasesForWorker: num,
  maxLeasesToStealAtOneTime: num,
  initialLeaseTableReadCapacity: num,
  initialLeaseTableWriteCapacity: num,
  initialPositionInStream: { kind: 'enum', values: ['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP'] },
  initialPositionInStreamExtended: { kind: 'integer' },
  maxLeaseRenewalThreads: num,
  listShardsBackoffTimeInMillis: num,
  maxListShardsRetryAttempts: num,
  callProcessRecordsEvenForEmptyRecordList: bool,
  parentShardPollIntervalMillis: num,
  shardPrioritization: str,
  skipShardSyncAtWorkerInitializationIfLeasesExist: bool,
  schedulerInitializationBackoffTimeMillis: num,
  taskBackoffTimeMillis: num,
  metricsBufferTimeMillis: num,
  metricsMaxQueueSize: num,
  metricsLevel: { kind: 'enum', values: ['NONE', 'SUMMARY', 'DETAILED'] },
  logWarningForTaskAfterMillis: boxedNum,
  metricsEnabledDimensions: { kind: 'list' },
  retrievalMode: { kind: 'enum', values: ['FANOUT', 'POLLING', 'DEFAULT'] },
  validateSequenceNumberBeforeCheckpointing: { kind: 'boolean', noEffect: true },
  // Read by the daemon itself: 0 means "do not wait" (shutdown) and "no timeout".
  shutdownGraceMillis: { kind: 'integer' },
  timeoutInSeconds: boxedNum,
  // PollingConfigBean, delegated (applied only in POLLING mode, or DEFAULT mode when any of them is set).
  retryGetRecordsInSeconds: boxedNum,
  maxGetRecordsThreadPool: boxedNum,
  idleTimeBetweenReadsInMillis: num,
  maxRecords: num,
  // FanoutConfigBean, nested (applied only in FANOUT or DEFAULT mode).
  'fanoutConfig.consumerArn': str,
  'fanoutConfig.consumerName': str,
  'fanoutConfig.maxDescribeStreamSummaryRetries': num,
  'fanoutConfig.maxDescribeStreamConsumerRetries': num,
  'fanoutConfig.registerStreamConsumerRetries': num,
  'fanoutConfig.retryBackoffMillis': num,
};

/** Prefixes of nested builder properties (SDK client and credentials builders) that the validator cannot check further. */
export const NESTED_PREFIXES: readonly string[] = [
  'kinesisClient.',
  'dynamoDbClient.',
  'cloudWatchClient.',
  'kinesisCredentialsProvider.',
  'dynamoDBCredentialsProvider.',
  'cloudWatchCredentialsProvider.',
];

/** The daemon rewrites any key starting with "awscredentialsprovider" (any case) to the bean's spelling; other keys are case-sensitive. */
export function normaliseKey(key: string): string {
  return /^awscredentialsprovider/i.test(key) ? key.replace(/^awscredentialsprovider/i, 'awsCredentialsProvider') : key;
}
