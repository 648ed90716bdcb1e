// Tracks cut batches in stream order and yields the furthest position whose every earlier record is durable in all sinks.

export interface Position {
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
}

interface PendingBatch {
  readonly id: number;
  readonly last: Position;
  durable: boolean;
}

/**
 * A batch is "open" from the moment it is cut until every sink holds it. The durable position only moves
 * over a contiguous prefix of durable batches, so it never passes a record that some sink has not stored,
 * even if batches complete out of order.
 */
export class CheckpointTracker {
  private readonly pending: PendingBatch[] = [];
  private nextId = 1;
  private durable: Position | undefined;
  private checkpointed: Position | undefined;

  public constructor(initial?: Position) {
    this.durable = initial;
    this.checkpointed = initial;
  }

  /** Registers a cut batch whose last record is `last`; returns its id. */
  public open(last: Position): number {
    const id = this.nextId;
    this.nextId += 1;
    this.pending.push({ id, last, durable: false });
    return id;
  }

  /** Every sink holds batch `id`; advances the durable position over the contiguous durable prefix. */
  public markDurable(id: number): void {
    const batch = this.pending.find((candidate) => candidate.id === id);
    if (batch === undefined) return;
    batch.durable = true;
    while (this.pending.length > 0 && this.pending[0].durable) {
      this.durable = this.pending[0].last;
      this.pending.shift();
    }
  }

  /** Forgets every open batch (the lease was lost: nothing more may be checkpointed from them). */
  public discardPending(): void {
    this.pending.length = 0;
  }

  public get durablePosition(): Position | undefined {
    return this.durable;
  }

  public get openBatches(): number {
    return this.pending.length;
  }

  /** The durable position when it is past the last checkpoint, else undefined. */
  public checkpointDue(): Position | undefined {
    const durable = this.durable;
    if (durable === undefined) return undefined;
    const last = this.checkpointed;
    if (
      last !== undefined &&
      last.sequenceNumber === durable.sequenceNumber &&
      last.subSequenceNumber === durable.subSequenceNumber
    ) {
      return undefined;
    }
    return durable;
  }

  public markCheckpointed(position: Position): void {
    this.checkpointed = position;
  }
}
