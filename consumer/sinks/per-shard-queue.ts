// Runs writes one at a time per shard, in call order: the high-water-mark sinks (archive, curated) need stream order.

/** A failed write does not block the next one of its shard; its rejection goes to its own caller only. */
export class PerShardQueue {
  private readonly tails = new Map<string, Promise<void>>();

  public run(shardId: string, write: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(shardId) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.tails.set(
      shardId,
      next.catch(() => undefined),
    );
    return next;
  }

  /** Resolves once every queued write has settled (close() waits for it). */
  public drain(): Promise<void> {
    return Promise.all(this.tails.values()).then(() => undefined);
  }
}
