// The SINKS=none sink: holds nothing, logs what each batch contained and every rejection, so a dry run shows its work.
import type { Logger } from '../../common/logger';
import type { Sink, SinkBatch } from './sink';

export class DryRunSink implements Sink {
  public readonly name = 'dry-run';

  public constructor(private readonly logger: Logger) {}

  public async write(batch: SinkBatch): Promise<void> {
    const labels: Record<string, number> = {};
    for (const post of batch.posts) {
      const label = post.sentiment.ok ? post.sentiment.label : 'UNSCORED';
      labels[label] = (labels[label] ?? 0) + 1;
    }
    this.logger.info('dry run: batch accepted', {
      shardId: batch.shardId,
      records: batch.records.length,
      posts: batch.posts.length,
      vehicles: batch.vehicles.length,
      rejections: batch.rejections.length,
      labels,
      first: batch.records[0]?.sequenceNumber,
      last: batch.records[batch.records.length - 1]?.sequenceNumber,
    });
    for (const rejection of batch.rejections) {
      this.logger.warn('dry run: record rejected', {
        sequenceNumber: rejection.record.sequenceNumber,
        subSequenceNumber: rejection.record.subSequenceNumber,
        reason: rejection.reason,
        detail: rejection.detail,
      });
    }
  }

  public async close(): Promise<void> {}
}
