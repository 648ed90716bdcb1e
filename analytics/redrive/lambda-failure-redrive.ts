// Redrives the batches the Lambda consumer gave up on: each on-failure message's sequence range read from the stream, through the core, then the message deleted.
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { writeRefusedRecords } from '../../consumer/sinks/s3/dead-letter';
import { archiveLateRecords, type ArchiveTarget } from './archive-late-records';
import type { FailureQueue } from './failure-queue';
import { parseFailureRecord } from './lambda-failure-record';
import { redriveRecords, type RedriveCoreDeps } from './redrive-core';
import { emptyCounts, tally, type RedriveCounts } from './redrive-summary';
import { readSequenceRange } from './stream-range-reader';

export { SqsFailureQueue } from './failure-queue';

export interface LambdaFailureOptions {
  readonly archive: ArchiveTarget;
  /** Messages handled at most in this run. */
  readonly maxMessages: number;
  readonly dryRun: boolean;
  readonly progress: (text: string) => void;
}

/**
 * For each message (up to maxMessages): parse the failure record, read its range from the stream, decode, score and
 * load it (redriveRecords: warehouse and curated late rows), archive the raw records the archive lacks, dead-letter
 * the records rejected again (one object per record under its identity, so a rerun overwrites), and only then delete
 * the message. A failure before the delete leaves the message to come back after its visibility timeout; every write
 * before it is keyed by identity, so the next run adds nothing twice. A message that is not a failure record throws
 * (and stays in the queue). A dry run deletes nothing and writes nothing.
 */
export async function redriveLambdaFailures(
  queue: FailureQueue,
  kinesis: KinesisClient,
  core: RedriveCoreDeps,
  options: LambdaFailureOptions,
): Promise<RedriveCounts> {
  const counts = emptyCounts();
  const seen = new Set<string>();
  while (counts.objects < options.maxMessages) {
    const messages = (await queue.receive(options.maxMessages - counts.objects)).filter((m) => !seen.has(m.messageId));
    if (messages.length === 0) break;
    for (const message of messages) {
      seen.add(message.messageId);
      counts.objects += 1;
      const failure = parseFailureRecord(message.messageId, message.body);
      const delivered = await readSequenceRange(kinesis, failure);
      counts.records += delivered.length;
      const output = await redriveRecords(
        delivered.map((record) => ({ shardId: failure.shardId, delivered: record })),
        core,
        options.dryRun,
      );
      for (const result of output.results.values()) tally(counts, result);
      if (!options.dryRun) {
        await archiveLateRecords(options.archive, output.records);
        if (output.rejections.length > 0)
          await writeRefusedRecords(options.archive.store, options.archive.errorPrefix, output.rejections);
        await queue.delete(message);
      }
      options.progress(
        `${options.dryRun ? 'would redrive' : 'redrove'} ${failure.shardId} ${failure.startSequenceNumber}..${failure.endSequenceNumber}` +
          ` (${failure.condition ?? 'failure'}): ${delivered.length} records, ${output.rejections.length} dead-lettered`,
      );
    }
  }
  return counts;
}
