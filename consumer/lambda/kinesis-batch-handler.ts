// Handles one Lambda Kinesis event on the KCL processor's core: de-aggregate, decode, score, deliver in order, and report the first record that is not durable.
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { describeError } from '../../common/errors';
import type { DecodedRecord } from '../decode/decoded-record';
import { decodeSafely } from '../decode/decode-safely';
import type { PayloadLimits } from '../decode/payload-parser';
import type { DeliveredRecord } from '../decode/record-decoder';
import { BatchDelivery, type DeliveryDeps } from '../processor/batch-delivery';
import type { CutBatch } from '../processor/batch-buffer';
import type { BatchPolicyConfig } from '../processor/batch-policy';
import type { ProcessorObserver } from '../processor/processor-observer';

export interface KinesisBatchHandlerDeps extends Omit<DeliveryDeps, 'observer'> {
  /** Batches are cut at these sizes (maxAgeMs is not used: an invocation is one read). */
  readonly batchPolicy: Pick<BatchPolicyConfig, 'maxRecords' | 'maxBytes'>;
  readonly payloadLimits?: PayloadLimits;
  readonly observer?: ProcessorObserver;
  /**
   * Delivery stops this long before the function's deadline, and what is not durable by then is reported as a
   * failure (Lambda retries from it) instead of letting the invocation time out. Default 10 s.
   */
  readonly deadlineMarginMs?: number;
}

export interface InvocationOptions {
  /** Lambda's `context.getRemainingTimeInMillis`; absent (local driver, tests): no deadline. */
  readonly remainingTimeMs?: () => number;
}

/** One cut batch and the Kinesis record it starts with (the itemIdentifier to report if it is not durable). */
interface PendingBatch {
  readonly batch: CutBatch;
  readonly firstSequenceNumber: string;
}

const DEFAULT_DEADLINE_MARGIN_MS = 10_000;

/**
 * Lambda's `eventID` is `<shardId>:<sequenceNumber>` (AWS Lambda Developer Guide, "Using Lambda with Amazon
 * Kinesis", sample event). The shard id is part of every sink identity, as in the KCL processor.
 */
export function shardIdOf(record: KinesisStreamRecord): string {
  const colon = record.eventID.lastIndexOf(':');
  return colon > 0 ? record.eventID.slice(0, colon) : record.eventID;
}

/**
 * The record as the multilang daemon would hand it over. Lambda does not de-aggregate KPL records, so no
 * sub-sequence number is given: decodeDelivered then numbers the user records of an aggregate 0..n-1, exactly the
 * identities the KCL gives them, and a record read by either consumer lands once. Lambda's
 * `approximateArrivalTimestamp` is epoch seconds (fractional); the processor's is epoch milliseconds.
 */
export function toDeliveredRecord(record: KinesisStreamRecord): DeliveredRecord {
  return {
    data: record.kinesis.data,
    partitionKey: record.kinesis.partitionKey,
    sequenceNumber: record.kinesis.sequenceNumber,
    approximateArrivalTimestamp: Math.round(record.kinesis.approximateArrivalTimestamp * 1_000),
  };
}

/**
 * The Lambda counterpart of ShardProcessor: the same decode, sentiment and sinks, batches delivered strictly in
 * order. A bad record is dead-lettered by the sinks (never thrown); a batch that does not become durable (retries
 * exhausted, a systemic failure, or the deadline near) ends the invocation with
 * `batchItemFailures: [{ itemIdentifier: <its first sequence number> }]`, so Lambda (with ReportBatchItemFailures)
 * retries from there: the checkpoint rule of the processor in Lambda's terms. Identities are those of the KCL path,
 * so the retried records add no duplicates.
 */
export class KinesisBatchHandler {
  public constructor(private readonly deps: KinesisBatchHandlerDeps) {}

  public async handle(event: KinesisStreamEvent, options: InvocationOptions = {}): Promise<KinesisStreamBatchResponse> {
    const records = event.Records ?? [];
    if (records.length === 0) return { batchItemFailures: [] };
    // The same observer: delivery events take the one route to metrics.
    const delivery = new BatchDelivery(this.deps);
    const margin = this.deps.deadlineMarginMs ?? DEFAULT_DEADLINE_MARGIN_MS;
    const remaining = options.remainingTimeMs?.();
    const deadline =
      remaining === undefined ? undefined : setTimeout(() => delivery.cancel(), Math.max(0, remaining - margin));
    try {
      for (const pending of this.cut(records)) {
        const started = (this.deps.now ?? Date.now)();
        try {
          await delivery.deliver(pending.batch);
          this.deps.observer?.batchDurable?.(pending.batch, (this.deps.now ?? Date.now)() - started);
        } catch (error: unknown) {
          this.deps.logger.error('batch not durable; Lambda retries from its first record', {
            shardId: pending.batch.shardId,
            itemIdentifier: pending.firstSequenceNumber,
            error: describeError(error),
          });
          return { batchItemFailures: [{ itemIdentifier: pending.firstSequenceNumber }] };
        }
      }
      return { batchItemFailures: [] };
    } finally {
      if (deadline !== undefined) clearTimeout(deadline);
      delivery.cancel();
    }
  }

  /** Decodes every record and cuts batches at the policy's sizes; a Kinesis record's user records stay in one batch. */
  private cut(records: readonly KinesisStreamRecord[]): PendingBatch[] {
    const now = this.deps.now ?? Date.now;
    const batches: PendingBatch[] = [];
    let decoded: DecodedRecord[] = [];
    let bytes = 0;
    let shardId = '';
    let first = '';
    const flush = (): void => {
      if (decoded.length > 0) batches.push({ batch: { shardId, decoded, bytes }, firstSequenceNumber: first });
      decoded = [];
      bytes = 0;
    };
    for (const record of records) {
      const shard = shardIdOf(record);
      const receivedAt = now();
      const group = decodeSafely(
        shard,
        toDeliveredRecord(record),
        receivedAt,
        this.deps.logger,
        this.deps.payloadLimits,
      );
      const groupBytes = group.reduce((sum, item) => sum + item.record.data.length, 0);
      const full =
        decoded.length > 0 &&
        (decoded.length + group.length > this.deps.batchPolicy.maxRecords ||
          bytes + groupBytes > this.deps.batchPolicy.maxBytes);
      if (shard !== shardId || full) flush();
      if (decoded.length === 0) {
        shardId = shard;
        first = record.kinesis.sequenceNumber;
      }
      decoded.push(...group);
      bytes += groupBytes;
    }
    flush();
    return batches;
  }
}
