// Measures delivery stalls of a soak: the longest time with records pending and nothing delivered.

/**
 * Fed samples of (records accepted by Kinesis, records delivered) over time. A stall is a stretch in which some record
 * is pending (accepted > delivered) and the delivered count does not move; it starts at the last sample that showed
 * progress or nothing pending. A sample whose delivered count is unknown (the database restarting) extends the
 * stretch: nothing was seen delivered.
 */
export class StallMeter {
  private since: number | undefined;
  private lastDelivered = -1;
  private longest = 0;
  private longestEndedAt = 0;

  /** `delivered` undefined: could not be read this time. */
  public observe(nowMs: number, accepted: number, delivered: number | undefined): void {
    if (delivered !== undefined && (delivered > this.lastDelivered || delivered >= accepted)) {
      this.lastDelivered = delivered;
      this.since = delivered >= accepted ? undefined : nowMs;
      return;
    }
    if (this.since === undefined) {
      this.since = nowMs;
      return;
    }
    if (nowMs - this.since > this.longest) {
      this.longest = nowMs - this.since;
      this.longestEndedAt = nowMs;
    }
  }

  /** The longest stall seen so far, in ms (0: delivery never stood still with records pending). */
  public get maxStallMs(): number {
    return this.longest;
  }

  /** When (the `nowMs` of its last sample) the longest stall was last seen. */
  public get maxStallSeenAtMs(): number {
    return this.longestEndedAt;
  }
}
