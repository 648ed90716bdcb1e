// Builds the shard-range guard from the consumer configuration (SHARD_RANGE_FILTER=off: no guard).
import type { AwsClientFactory } from '../../common/aws/client-factory';
import type { Logger } from '../../common/logger';
import type { DeliveredRecordFilter } from '../processor/delivered-record-filter';
import { lookupShardRange } from './shard-range-lookup';
import { ShardRangeGuard } from './shard-range-guard';

export const SHARD_RANGE_FILTER_MODES = ['aggregates', 'off'] as const;
export type ShardRangeFilterMode = (typeof SHARD_RANGE_FILTER_MODES)[number];

export interface ShardRangeGuardSettings {
  readonly shardRangeFilter: ShardRangeFilterMode;
  readonly applicationName: string;
  readonly streamName: string;
}

export function createShardRangeGuard(
  settings: ShardRangeGuardSettings,
  clients: AwsClientFactory,
  logger: Logger,
): DeliveredRecordFilter | undefined {
  if (settings.shardRangeFilter === 'off') return undefined;
  const source = {
    dynamodb: clients.dynamodb(),
    kinesis: clients.kinesis(),
    leaseTable: settings.applicationName,
    streamName: settings.streamName,
  };
  return new ShardRangeGuard({
    lookup: (shardId) => lookupShardRange(source, shardId),
    logger: logger.child({ component: 'shard-range-guard' }),
  });
}
