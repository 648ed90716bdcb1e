// Reads what the scaler needs to know about a stream (mode, status, open shards) and calls UpdateShardCount.
import { DescribeStreamSummaryCommand, UpdateShardCountCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { StreamState } from './scaling-plan';

export async function describeStreamState(kinesis: KinesisClient, streamName: string): Promise<StreamState> {
  const out = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
  const d = out.StreamDescriptionSummary;
  return {
    streamName,
    mode: d?.StreamModeDetails?.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED',
    status: d?.StreamStatus ?? 'UNKNOWN',
    openShardCount: d?.OpenShardCount ?? 0,
  };
}

export async function updateShardCount(kinesis: KinesisClient, streamName: string, target: number): Promise<void> {
  await kinesis.send(
    new UpdateShardCountCommand({ StreamName: streamName, TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' }),
  );
}
