// The property keys KCL 3.1.3's MultiLangDaemon adds to 2.7.2's (read from its configurator beans), and the 2.x keys it accepts but ignores.
import type { KeySpec } from './kcl-property-keys';

const str: KeySpec = { kind: 'string' };
const num: KeySpec = { kind: 'integer', primitive: true };
const decimal: KeySpec = { kind: 'number', primitive: true };
const boxedNum: KeySpec = { kind: 'integer' };
const boxedBool: KeySpec = { kind: 'boolean' };
const billing: KeySpec = { kind: 'enum', values: ['PROVISIONED', 'PAY_PER_REQUEST'] };

/** `clientVersionConfig` values (KCL 3 CoordinatorConfig.ClientVersionConfig). */
export const CLIENT_VERSION_CONFIGS = ['CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X', 'CLIENT_VERSION_CONFIG_3X'] as const;

/** Keys only KCL 3.1.3 understands: the MultiLangDaemonConfiguration setters and the four config beans it delegates to. */
export const KCL3_ONLY_KEYS: Readonly<Record<string, KeySpec>> = {
  clientVersionConfig: { kind: 'enum', values: CLIENT_VERSION_CONFIGS },
  leaseAssignmentIntervalMillis: num,
  // GracefulLeaseHandoffConfigBean.
  isGracefulLeaseHandoffEnabled: boxedBool,
  gracefulLeaseHandoffTimeoutMillis: boxedNum,
  // WorkerUtilizationAwareAssignmentConfigBean.
  inMemoryWorkerMetricsCaptureFrequencyMillis: num,
  workerMetricsReporterFreqInMillis: num,
  noOfPersistedMetricsPerWorkerMetrics: num,
  disableWorkerMetrics: boxedBool,
  maxThroughputPerHostKBps: decimal,
  dampeningPercentage: num,
  reBalanceThresholdPercentage: num,
  allowThroughputOvershoot: boxedBool,
  varianceBalancingFrequency: num,
  workerMetricsEMAAlpha: decimal,
  staleWorkerMetricsEntryCleanupDuration: { kind: 'string' },
  // WorkerMetricStatsTableConfigBean.
  workerMetricsTableName: str,
  workerMetricsBillingMode: billing,
  workerMetricsReadCapacity: num,
  workerMetricsWriteCapacity: num,
  workerMetricsPointInTimeRecoveryEnabled: boxedBool,
  workerMetricsDeletionProtectionEnabled: boxedBool,
  workerMetricsTags: str,
  // CoordinatorStateTableConfigBean.
  coordinatorStateTableName: str,
  coordinatorStateBillingMode: billing,
  coordinatorStateReadCapacity: num,
  coordinatorStateWriteCapacity: num,
  coordinatorStatePointInTimeRecoveryEnabled: boxedBool,
  coordinatorStateDeletionProtectionEnabled: boxedBool,
  coordinatorStateTags: str,
  // Polling: slows GetRecords when the reader is this close to the tip.
  millisBehindLatestThresholdForReducedTps: num,
};

/**
 * 2.x keys the 3.1.3 configurator still accepts but whose readers (the 2.x lease taker) run only in
 * clientVersionConfig = CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X: in 3.x mode the leader assigns leases by worker load.
 */
export const KCL3_IGNORED_IN_3X_MODE: Readonly<Record<string, string>> = {
  maxLeasesToStealAtOneTime: "lease stealing is the 2.x lease taker's; KCL 3 assigns leases by worker utilisation",
  enablePriorityLeaseAssignment: 'read by the 2.x lease taker only',
};
