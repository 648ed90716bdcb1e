// The record processor of one shard lease: buffer, cut batches, deliver them in order, checkpoint only what every sink holds.
import type { Logger } from '../../common/logger';
import { describeError } from '../../common/errors';
import type { RetryPolicy } from '../../common/retry';
import type { DeliveredRecord } from '../decode/record-decoder';
import { decodeSafely } from '../decode/decode-safely';
import type { PayloadLimits } from '../decode/payload-parser';
import { BatchBuffer, type CutBatch } from './batch-buffer';
import { BatchDelivery, type DeliveryDeps } from './batch-delivery';
import { flushReason, type BatchPolicyConfig } from './batch-policy';
import { CheckpointTracker, type Position } from './checkpoint-tracker';
import type { Checkpointer } from './checkpointer';
import { tryCheckpoint } from './try-checkpoint';
import { DeliveryCancelledError } from './processor-errors';
import type { ProcessorObserver } from './processor-observer';
import { nextShardState, type ShardState } from './shard-lifecycle';
import type { DeliveredRecordFilter } from './delivered-record-filter';

export interface ShardProcessorDeps extends Omit<DeliveryDeps, 'logger' | 'onStageFailed'> {
  readonly logger: Logger;
  readonly batchPolicy: BatchPolicyConfig;
  /** Cut batches not yet durable before processRecords waits (back-pressure on the daemon). */
  readonly maxOpenBatches: number;
  /**
   * Checkpoints of processRecords: bounded; when they run out the next action tries again. The final checkpoints of
   * shardEnded and shutdownRequested use the same delays without an attempt limit: nothing comes after them, so they
   * retry until they succeed, the lease is gone (ShutdownException) or stdin closes (`stop()`).
   */
  readonly checkpointRetry: RetryPolicy;
  readonly payloadLimits?: PayloadLimits;
  readonly observer?: ProcessorObserver;
  /** Sees each call's records before decoding (the shard-range guard); absent: every record is kept. */
  readonly inputFilter?: DeliveredRecordFilter;
}

/**
 * While a delivery is held (systemic sink failure), processRecords stops waiting for the open-batch limit as long as
 * the open batches hold fewer bytes than this, so the daemon can still hand over leaseLost or shutdownRequested; past
 * it, back-pressure blocks again (memory stays bounded).
 */
const DEFAULT_MAX_HELD_BYTES = 64 * 1024 * 1024;

/**
 * Lifecycle: the transition table and its drawing in shard-lifecycle.ts (new -> running -> ended; leaseLost or a
 * ShutdownException reply -> lease-gone). Batches are delivered strictly in order, one at a time, so a sink never sees a later batch before an earlier one.
 */
export class ShardProcessor {
  private state: ShardState = 'new';
  private shardId = '';
  private logger: Logger;
  private buffer = new BatchBuffer('');
  private tracker = new CheckpointTracker();
  private readonly delivery: BatchDelivery;
  private readonly inFlight: Array<Promise<void>> = [];
  private openBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  /** Aborted when the daemon closes stdin or the processor closes: ends final checkpoint retries. */
  private readonly stopping = new AbortController();

  public constructor(private readonly deps: ShardProcessorDeps) {
    this.logger = deps.logger;
    this.now = deps.now ?? Date.now;
    this.delivery = new BatchDelivery({
      ...deps,
      onStageFailed: (stage, held) => deps.observer?.deliveryFailed?.(stage, held),
      onHeld: (stage, ageMs) => {
        deps.onHeld?.(stage, ageMs);
        deps.observer?.batchHeld?.(stage, ageMs);
      },
    });
  }

  public get shard(): string {
    return this.shardId;
  }

  public async initialize(input: {
    shardId: string;
    sequenceNumber?: string;
    subSequenceNumber?: number;
  }): Promise<void> {
    this.shardId = input.shardId;
    this.logger = this.deps.logger.child({ shardId: input.shardId });
    this.buffer = new BatchBuffer(input.shardId);
    const start =
      input.sequenceNumber !== undefined && /^\d+$/.test(input.sequenceNumber)
        ? { sequenceNumber: input.sequenceNumber, subSequenceNumber: input.subSequenceNumber ?? 0 }
        : undefined;
    this.tracker = new CheckpointTracker(start);
    await this.deps.inputFilter?.begin(input.shardId);
    this.state = nextShardState(this.state, 'initialize');
    this.deps.observer?.initialized(input.shardId);
    this.logger.info('shard processor initialized', {
      sequenceNumber: input.sequenceNumber,
      subSequenceNumber: input.subSequenceNumber,
    });
  }

  public async processRecords(
    input: { records: readonly DeliveredRecord[]; millisBehindLatest?: number },
    checkpointer: Checkpointer,
  ): Promise<void> {
    if (this.state !== 'running') return;
    const receivedAt = this.now();
    let decodedCount = 0;
    let bytes = 0;
    const records =
      this.deps.inputFilter === undefined ? input.records : await this.deps.inputFilter.apply(input.records);
    for (const delivered of records) {
      const group = decodeSafely(this.shardId, delivered, receivedAt, this.logger, this.deps.payloadLimits);
      decodedCount += group.length;
      for (const item of group) bytes += item.record.data.length;
      this.buffer.addGroup(group, receivedAt);
    }
    this.deps.observer?.recordsReceived(input.records.length, decodedCount, bytes, input.millisBehindLatest);
    // At debug level only: lets a test (or a person) see a record reach the buffer before anything is durable.
    this.logger.debug('records received', {
      records: input.records.length,
      last: input.records[input.records.length - 1]?.sequenceNumber,
    });
    if (flushReason(this.deps.batchPolicy, this.buffer.state, this.now()) !== undefined) await this.cut();
    await this.checkpointDurable(checkpointer);
  }

  /** The shard is closed and fully read: everything must be durable, then SHARD_END is checkpointed so children can start. */
  public async shardEnded(checkpointer: Checkpointer): Promise<void> {
    if (this.state !== 'running') return;
    await this.cut();
    await this.drain();
    // Never SHARD_END past a batch that is not durable (its delivery was cancelled because stdin closed).
    if (this.state !== 'running' || this.tracker.openBatches > 0) return;
    await this.checkpointAndConfirm(checkpointer, null, 'final');
    this.state = nextShardState(this.state, 'shardEnded');
  }

  /**
   * The worker is shutting down gracefully: make everything durable and checkpoint it. A batch held by a systemic
   * sink failure is not waited for (the daemon must get its answer): only the durable prefix is checkpointed, and the
   * held delivery goes on until leaseLost or stdin closing cancels it.
   */
  public async shutdownRequested(checkpointer: Checkpointer): Promise<void> {
    if (this.state !== 'running') return;
    await this.cut();
    await Promise.race([this.drain(), this.delivery.whenHeld()]);
    await this.checkpointDurable(checkpointer, 'final');
    this.state = nextShardState(this.state, 'shutdownRequested');
  }

  /** Another worker owns the shard now: drop what is buffered, stop deliveries, never checkpoint again. */
  public async leaseLost(): Promise<void> {
    this.loseLease('leaseLost');
  }

  /** The daemon closed stdin: nothing more will be answered, so every retry loop ends now. */
  public stop(): void {
    this.stopping.abort();
    this.delivery.cancel();
  }

  /** Releases sinks and the analyzer. */
  public async close(): Promise<void> {
    this.stop();
    await Promise.allSettled(this.inFlight);
    await Promise.allSettled([...this.deps.sinks.map((sink) => sink.close()), this.deps.analyzer.close()]);
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
    this.openBytes += batch.bytes;
    void done.finally(() => {
      this.inFlight.splice(this.inFlight.indexOf(done), 1);
      this.openBytes -= batch.bytes;
    });
    while (this.inFlight.length >= this.deps.maxOpenBatches && this.state === 'running') {
      if (!this.delivery.held) await Promise.race([this.inFlight[0], this.delivery.whenHeld()]);
      else if (this.openBytes < DEFAULT_MAX_HELD_BYTES) return;
      else await this.inFlight[0];
    }
  }

  private async deliverOne(batch: CutBatch, id: number): Promise<void> {
    if (this.state === 'lease-gone') return;
    const started = this.now();
    try {
      const outcome = await this.delivery.deliver(batch);
      this.tracker.markDurable(id);
      this.deps.observer?.batchDurable(batch, this.now() - started, outcome.sinkRejected.length);
    } catch (error: unknown) {
      if (!(error instanceof DeliveryCancelledError))
        this.logger.error('batch delivery stopped', { error: describeError(error) });
    }
  }

  private async drain(): Promise<void> {
    await this.chain;
  }

  private async checkpointDurable(checkpointer: Checkpointer, mode: 'bounded' | 'final' = 'bounded'): Promise<void> {
    const due = this.tracker.checkpointDue();
    if (due === undefined || this.state !== 'running') return;
    if (await this.checkpointAndConfirm(checkpointer, due, mode)) this.tracker.markCheckpointed(due);
  }

  /** True when the position is settled (checkpointed, or rejected as a bug); false when a later action should try again. */
  private async checkpointAndConfirm(
    checkpointer: Checkpointer,
    position: Position | null,
    mode: 'bounded' | 'final',
  ): Promise<boolean> {
    const sequenceNumber = position === null ? null : position.sequenceNumber;
    const outcome = await tryCheckpoint({
      checkpointer,
      sequenceNumber,
      mode,
      policy: this.deps.checkpointRetry,
      signal: this.stopping.signal,
      logger: this.logger,
      ...(this.deps.sleep === undefined ? {} : { sleep: this.deps.sleep }),
    });
    if (outcome === 'lease-gone') this.loseLease('ShutdownException');
    if (outcome !== 'checkpointed') return outcome === 'rejected';
    this.deps.observer?.checkpointed(position);
    this.logger.debug('checkpointed', { sequenceNumber });
    return true;
  }

  private loseLease(reason: string): void {
    if (this.state === 'lease-gone') return;
    this.state = nextShardState(this.state, 'leaseLost');
    this.buffer.clear();
    this.tracker.discardPending();
    this.delivery.cancel();
    this.logger.info('lease gone: buffered records dropped, they will be redelivered to the new owner', { reason });
  }
}
