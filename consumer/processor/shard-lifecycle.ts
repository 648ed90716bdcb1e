// The shard processor's lifecycle as one transition table: which daemon action moves a shard lease between which states.

/**
 * ```
 *          initialize            shardEnded (all durable, SHARD_END checkpointed)
 *   new ──────────────► running ──────────────────────────────────────────────► ended
 *    │                  │  ▲  │   shutdownRequested (durable prefix checkpointed)   ▲
 *    │                  │  └──┘   ───────────────────────────────────────────────────┘
 *    │                  │  processRecords (buffer, cut, deliver, checkpoint)          │
 *    │                  │                                                             │
 *    └──────────────────┴──────── leaseLost, or a checkpoint answered ────────────────┴──► lease-gone
 *                                 ShutdownException                                        (final: buffer dropped,
 *                                                                                           deliveries cancelled,
 *                                                                                           no checkpoint again)
 * ```
 * Only `running` takes records and checkpoints. An action a state has no arrow for leaves it as it is (the daemon may
 * repeat shutdown actions), so `lease-gone` is never left. Closing stdin (`stop()`) changes no state: it ends every
 * retry loop, and whatever was not durable is redelivered to the next owner. Drawn as the Java KCL draws its
 * ShardConsumer states.
 */
export type ShardState = 'new' | 'running' | 'ended' | 'lease-gone';

export type ShardAction = 'initialize' | 'shardEnded' | 'shutdownRequested' | 'leaseLost';

const TRANSITIONS: Readonly<Record<ShardState, Readonly<Partial<Record<ShardAction, ShardState>>>>> = Object.freeze({
  new: { initialize: 'running', leaseLost: 'lease-gone' },
  running: { shardEnded: 'ended', shutdownRequested: 'ended', leaseLost: 'lease-gone' },
  ended: { leaseLost: 'lease-gone' },
  'lease-gone': {},
});

/** The state after `action` completes in `state`; the same state when the action does not move it. */
export function nextShardState(state: ShardState, action: ShardAction): ShardState {
  return TRANSITIONS[state][action] ?? state;
}
