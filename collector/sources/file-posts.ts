// The file source: JSONL posts (one object a line), passed through with `source` set; unusable lines are counted, not sent.
import type { Readable } from 'node:stream';
import { readLines } from '../../producer/cli/line-source';
import { POST_SOURCES, type CollectedPost, type PostSource } from '../collected-post';
import { parseJsonKeepingBigIntegers, readPostId } from '../../common/safe-json';
import { emptySourceStats, type PostSourceRun, type SourceStats } from '../source-stats';

export class FilePosts implements PostSourceRun<CollectedPost> {
  public readonly stats: SourceStats = emptySourceStats();

  public constructor(private readonly open: () => Readable) {}

  /** Ends at the end of the file. A line's own valid `source` is kept (an export of X posts stays `x`), else `file`. */
  public async *posts(signal: AbortSignal): AsyncGenerator<CollectedPost> {
    for await (const line of readLines(this.open)) {
      if (signal.aborted) return;
      if (line.trim() === '') continue;
      const post = toPost(line);
      if (post === undefined) this.stats.malformed += 1;
      else yield post;
    }
  }
}

function toPost(line: string): CollectedPost | undefined {
  let json: unknown;
  try {
    // Not JSON.parse: a numeric id above 2^53 would be rounded, and two posts would share one id.
    json = parseJsonKeepingBigIntegers(line);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const object = json as Record<string, unknown>;
  const id = readPostId(object);
  if (id === undefined || typeof object.text !== 'string') return undefined;
  const source: PostSource = POST_SOURCES.includes(object.source as PostSource)
    ? (object.source as PostSource)
    : 'file';
  return { ...(object as unknown as CollectedPost), id, source };
}
