// Errors of the shard-range guard.
import { ToolkitError } from '../../common/errors';

/** Neither the lease nor ListShards holds the shard's range yet (a child the daemon has not synced); worth another look. */
export class ShardRangeUnknownError extends ToolkitError {
  public constructor(shardId: string) {
    super('SHARD_RANGE_UNKNOWN', `no hash-key range for ${shardId} in the lease table or ListShards`, {
      retryable: true,
    });
  }
}
