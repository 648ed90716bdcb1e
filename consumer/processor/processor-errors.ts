// Errors the processor core throws on purpose.
import { ToolkitError } from '../../common/errors';
import { classifyCheckpointError, type CheckpointErrorClass } from './checkpointer';

/** Batch delivery was stopped from outside (lease lost, process stopping) before every sink held the batch. */
export class DeliveryCancelledError extends ToolkitError {
  public constructor() {
    super('DELIVERY_CANCELLED', 'batch delivery was cancelled (lease lost or process stopping)');
  }
}

/** The daemon answered a checkpoint with an error; retryable only for throttling and dependency failures. */
export class CheckpointRejectedError extends ToolkitError {
  public readonly kind: CheckpointErrorClass;

  public constructor(public readonly replyError: string) {
    const kind = classifyCheckpointError(replyError);
    super('CHECKPOINT_REJECTED', `checkpoint rejected: ${replyError}`, { retryable: kind === 'retry' });
    this.kind = kind;
  }
}
