// Errors the processor core throws on purpose.
import { ToolkitError } from '../../common/errors';

/** Batch delivery was stopped from outside (lease lost, process stopping) before every sink held the batch. */
export class DeliveryCancelledError extends ToolkitError {
  public constructor() {
    super('DELIVERY_CANCELLED', 'batch delivery was cancelled (lease lost or process stopping)');
  }
}
