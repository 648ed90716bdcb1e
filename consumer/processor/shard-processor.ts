// The record processor of one shard lease: buffer, cut batches, deliver them in order, checkpoint only what every sink holds.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import { backoffDelayMs, sleep as realSleep, type RetryPolicy } from '../../common/retry';
import { decodeDelivered, type DeliveredRecord } from '../decode/record-decoder';
import type { DecodedRecord } from '../decode/decoded-record';
import type { PayloadLimits } from '../decode/payload-parser';
import { BatchBuffer, type CutBatch } from './batch-buffer';
import { BatchDelivery, DeliveryCancelledError, type DeliveryDeps } from './batch-delivery';
import { flushReason, type BatchPolicyConfig } from './batch-policy';
import { CheckpointTracker, type Position } from './checkpoint-tracker';
import { classifyCheckpointError, type Checkpointer } from './checkpointer';
import type { ProcessorObserver } from './processor-observer';
import type { DeliveredRecordFilter } from './delivered-record-filter';

export interface ShardProcessorDeps extends Omit<DeliveryDeps, 'logger'> {
  readonly logger: Logger;
  readonly batchPolicy: BatchPolicyConfig;
  /** Cut batches not yet durable before processRecords waits (back-pressure on the daemon). */
  readonly maxOpenBatches: number;
  readonly checkpointRetry: RetryPolicy;
  readonly payloadLimits?: PayloadLimits;
  readonly observer?: ProcessorObserver;
  /** Sees each call's records before decoding (the shard-range guard); absent: every record is kept. */
  readonly inputFilter?: DeliveredRecordFilter;
}

type State = 'new' | 'running' | 'lease-gone' | 'ended';

/**
 * Lifecycle: new -initialize-> running -(shardEnded | shutdownRequested)-> ended; leaseLost, or a ShutdownException
 * reply, -> lease-gone (buffer dropped, in-flight deliveries cancelled, no further checkpoints).
 * Batches are delivered strictly in order, one at a time, so a sink never sees a later batch before an earlier one.
 */
export class ShardProcessor {
  private state: State = 'new';
  private shardId = '';
  private logger: Logger;
  private buffer = new BatchBuffer('');
  private tracker = new CheckpointTracker();
  private readonly delivery: BatchDelivery;
  private readonly inFlight: Array<Promise<void>> = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  public constructor(private readonly deps: ShardProcessorDeps) {
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
    this.delivery = new BatchDelivery(deps);
  }

  public get shard(): string { return this.shardId; }

  public async initialize(input: { shardId: string; sequenceNumber?: string; subSequenceNumber?: number }): Promise<void> {
    this.shardId = input.shardId;
    this.logger = this.deps.logger.child({ shardId: input.shardId });
    this.buffer = new BatchBuffer(input.shardId);
    const start = input.sequenceNumber !== undefined && /^\d+$/.test(input.sequenceNumber)
      ? { sequenceNumber: input.sequenceNumber, subSequenceNumber: input.subSequenceNumber ?? 0 }
      : undefined;
    this.tracker = new CheckpointTracker(start);
    await this.deps.inputFilter?.begin(input.shardId);
    this.state = 'running';
    this.deps.observer?.initialized(input.shardId);
    this.logger.info('shard processor initialized', { sequenceNumber: input.sequenceNumber, subSequenceNumber: input.subSequenceNumber });
  }

  public async processRecords(input: { records: readonly DeliveredRecord[]; millisBehindLatest?: number }, checkpointer: Checkpointer): Promise<void> {
    if (this.state !== 'running') return;
    const receivedAt = this.now();
    let decodedCount = 0;
    let bytes = 0;
    const records = this.deps.inputFilter === undefined ? input.records : await this.deps.inputFilter.apply(input.records);
    for (const delivered of records) {
      const group = this.decodeSafely(delivered);
      decodedCount += group.length;
      for (const item of group) bytes += item.record.data.length;
      this.buffer.addGroup(group, receivedAt);
    }
    this.deps.observer?.recordsReceived(input.records.length, decodedCount, bytes, input.millisBehindLatest);
    if (flushReason(this.deps.batchPolicy, this.buffer.state, this.now()) !== undefined) await this.cut();
    await this.checkpointDurable(checkpointer);
  }

  /** The shard is closed and fully read: everything must be durable, then SHARD_END is checkpointed so children can start. */
  public async shardEnded(checkpointer: Checkpointer): Promise<void> {
    if (this.state !== 'running') return;
    await this.cut();
    await this.drain();
    if (this.state !== 'running') return;
    await this.checkpointWithRetry(checkpointer, null);
    this.state = 'ended';
  }

  /** The worker is shutting down gracefully: make everything durable and checkpoint it. */
  public async shutdownRequested(checkpointer: Checkpointer): Promise<void> {
    if (this.state !== 'running') return;
    await this.cut();
    await this.drain();
    await this.checkpointDurable(checkpointer);
    this.state = 'ended';
  }

  /** Another worker owns the shard now: drop what is buffered, stop deliveries, never checkpoint again. */
  public async leaseLost(): Promise<void> {
    this.loseLease('leaseLost');
  }

  /** Releases sinks and the analyzer. */
  public async close(): Promise<void> {
    this.delivery.cancel();
    await Promise.allSettled(this.inFlight);
    await Promise.allSettled([...this.deps.sinks.map((sink) => sink.close()), this.deps.analyzer.close()]);
  }

  private decodeSafely(delivered: DeliveredRecord): DecodedRecord[] {
    try {
      return decodeDelivered(this.shardId, delivered, this.deps.payloadLimits);
    } catch (error: unknown) {
      // A decoder bug must not lose the record or stop the shard: keep the raw bytes as a dead letter.
      this.logger.error('record decoding failed unexpectedly', { sequenceNumber: delivered.sequenceNumber, error: describeError(error) });
      return [{
        kind: 'rejected', reason: 'processing-error', detail: describeError(error),
        record: {
          shardId: this.shardId, sequenceNumber: String(delivered.sequenceNumber), subSequenceNumber: delivered.subSequenceNumber ?? 0,
          partitionKey: String(delivered.partitionKey), approximateArrivalTimestamp: delivered.approximateArrivalTimestamp ?? this.now(),
          data: Buffer.from(String(delivered.data), 'base64'),
        },
      }];
    }
  }

  /** Cuts the buffer into a batch queued behind earlier ones; waits while too many batches are open. */
  private async cut(): Promise<void> {
    const batch = this.buffer.take();
    if (batch === undefined) return;
    const last = batch.decoded[batch.decoded.length - 1].record;
    const id = this.tracker.open({ sequenceNumber: last.sequenceNumber, subSequenceNumber: last.subSequenceNumber });
    const done = this.chain.then(() => this.deliverOne(batch, id));
    this.chain = done;
    this.inFlight.push(done);
    void done.finally(() => this.inFlight.splice(this.inFlight.indexOf(done), 1));
    while (this.inFlight.length >= this.deps.maxOpenBatches && this.state === 'running') await this.inFlight[0];
  }

  private async deliverOne(batch: CutBatch, id: number): Promise<void> {
    if (this.state === 'lease-gone') return;
    const started = this.now();
    try {
      await this.delivery.deliver(batch);
      this.tracker.markDurable(id);
      this.deps.observer?.batchDurable(batch, this.now() - started);
    } catch (error: unknown) {
      if (!(error instanceof DeliveryCancelledError)) this.logger.error('batch delivery stopped', { error: describeError(error) });
    }
  }

  private async drain(): Promise<void> {
    await this.chain;
  }

  private async checkpointDurable(checkpointer: Checkpointer): Promise<void> {
    const due = this.tracker.checkpointDue();
    if (due === undefined || this.state !== 'running') return;
    if (await this.checkpointWithRetry(checkpointer, due)) this.tracker.markCheckpointed(due);
  }

  /**
   * Checkpoints `position` (null: SHARD_END); retries throttling and dependency errors with bounded backoff.
   * True when the position is settled (checkpointed, or rejected as a bug); false when a later action should try again.
   */
  private async checkpointWithRetry(checkpointer: Checkpointer, position: Position | null): Promise<boolean> {
    const policy = this.deps.checkpointRetry;
    const wait = this.deps.sleep ?? realSleep;
    const sequenceNumber = position === null ? null : position.sequenceNumber;
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
      const reply = await checkpointer.checkpoint(sequenceNumber);
      if (reply.ok) {
        this.deps.observer?.checkpointed(position);
        this.logger.debug('checkpointed', { sequenceNumber });
        return true;
      }
      const kind = classifyCheckpointError(reply.error);
      if (kind === 'lease-gone') {
        this.loseLease(reply.error);
        return false;
      }
      if (kind === 'bug') {
        // Not retried, not even by the next action: only a later durable position is checkpointed.
        this.logger.error('checkpoint rejected: this is a bug, not a transient failure', { sequenceNumber, error: reply.error });
        return true;
      }
      const delayMs = backoffDelayMs(policy, attempt);
      this.logger.warn('checkpoint failed; retrying', { sequenceNumber, error: reply.error, attempt, delayMs });
      if (attempt < policy.maxAttempts) await wait(delayMs);
    }
    this.logger.error('checkpoint retries exhausted; the next action tries again', { sequenceNumber, attempts: policy.maxAttempts });
    return false;
  }

  private loseLease(reason: string): void {
    if (this.state === 'lease-gone') return;
    this.state = 'lease-gone';
    this.buffer.clear();
    this.tracker.discardPending();
    this.delivery.cancel();
    this.logger.info('lease gone: buffered records dropped, they will be redelivered to the new owner', { reason });
  }
}
