// The one ListShards paging loop: every shard of a stream, page by page (NextToken), by name or ARN.
import {
  ListShardsCommand,
  type KinesisClient,
  type ListShardsCommandInput,
  type Shard,
} from '@aws-sdk/client-kinesis';

/** A stream named as ListShards takes it: a name, or `{ StreamName }` / `{ StreamARN }`. */
export type StreamRef = string | { readonly StreamName: string } | { readonly StreamARN: string };

/**
 * Yields every shard the stream lists, open and closed, in ListShards order, reading a page only when the one before
 * is used up (a caller looking for one shard stops early). Errors of ListShards propagate: the caller decides on retries.
 */
export async function* eachShard(kinesis: KinesisClient, stream: StreamRef): AsyncGenerator<Shard> {
  const first: ListShardsCommandInput = typeof stream === 'string' ? { StreamName: stream } : { ...stream };
  let nextToken: string | undefined;
  do {
    // A request with NextToken must not name the stream (the token names it).
    const page = await kinesis.send(new ListShardsCommand(nextToken === undefined ? first : { NextToken: nextToken }));
    yield* page.Shards ?? [];
    nextToken = page.NextToken;
  } while (nextToken !== undefined);
}

/** Every shard of the stream, all pages read. */
export async function listAllShards(kinesis: KinesisClient, stream: StreamRef): Promise<Shard[]> {
  const shards: Shard[] = [];
  for await (const shard of eachShard(kinesis, stream)) shards.push(shard);
  return shards;
}
