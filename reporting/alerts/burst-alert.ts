// The negative-burst alert as data, and its wording for people (SNS subject and message).

export interface NegativePostEvent {
  /** Unique per stored post (shard/sequence/sub-sequence), so a post seen by two polls counts once. */
  readonly key: string;
  /** When it was posted (created_at), epoch ms. */
  readonly atMs: number;
  readonly postId: string | null;
  readonly user: string | null;
  readonly text: string;
}

export interface BurstAlert {
  readonly kind: 'negative-burst';
  readonly detectedAt: string;
  /** Posts in the densest window found, and that window's first and last post times. */
  readonly negativePosts: number;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly threshold: number;
  readonly windowMinutes: number;
  /** Up to five of the window's posts, newest first. */
  readonly examples: readonly {
    readonly postId: string | null;
    readonly user: string | null;
    readonly postedAt: string;
    readonly text: string;
  }[];
}

/** SNS subjects: ASCII, at most 100 characters, no line breaks. */
export function alertSubject(alert: BurstAlert): string {
  return `Negative burst: ${alert.negativePosts} negative posts within ${alert.windowMinutes} min`.slice(0, 100);
}

export function alertText(alert: BurstAlert): string {
  const lines = [
    `${alert.negativePosts} NEGATIVE posts between ${alert.windowStart} and ${alert.windowEnd} (UTC),`,
    `more than the ${alert.threshold} allowed within ${alert.windowMinutes} minutes. Detected ${alert.detectedAt}.`,
    '',
    'Examples:',
    ...alert.examples.map(
      (e) => `- ${e.postedAt} ${e.user === null ? '' : `@${e.user} `}${e.text.replace(/\s+/g, ' ').slice(0, 280)}`,
    ),
  ];
  return lines.join('\n');
}
