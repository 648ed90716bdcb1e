// Reads back what the sinks delivered: every archive line under a prefix (gunzipped) and the post rows of PostgreSQL.
import { gunzipSync } from 'node:zlib';
import { SQL_TABLE_NAME } from '../../common/pg/pg-connection';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import type { ArchiveLine } from '../../consumer/sinks/s3/archive-line';
import { POST_COLUMNS as C } from '../../consumer/sinks/redshift/table-spec';

export interface DeliveredLine {
  readonly key: string;
  readonly line: ArchiveLine;
  /** When s3rver stored the object. */
  readonly lastModifiedMs: number;
}

export interface DeliveredRow {
  readonly postId: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
  readonly loadedAtMs: number;
}

/**
 * Each object under `prefix` as text (gunzipped when its key ends in .gz), with when it was stored; pages through the
 * listing. `skip(key)`: objects not to fetch (npm start's status counts each object once).
 */
export async function* objectTexts(
  s3: S3Client,
  bucket: string,
  prefix: string,
  skip: (key: string) => boolean = () => false,
): AsyncGenerator<{ key: string; text: string; lastModifiedMs: number }> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined || skip(item.Key)) continue;
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key }));
      const bytes = Buffer.from(
        await (body.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
      );
      yield {
        key: item.Key,
        text: (item.Key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'),
        lastModifiedMs: item.LastModified?.getTime() ?? 0,
      };
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
}

/** Every line of every archive object under `prefix` (duplicates kept, so they can be counted). */
export async function readArchiveLines(s3: S3Client, bucket: string, prefix: string): Promise<DeliveredLine[]> {
  const out: DeliveredLine[] = [];
  for await (const { key, text, lastModifiedMs } of objectTexts(s3, bucket, prefix)) {
    for (const line of text.split('\n'))
      if (line !== '') out.push({ key, line: JSON.parse(line) as ArchiveLine, lastModifiedMs });
  }
  return out;
}

/** The rows whose post_id starts with `idPrefix` (a run id), with their load time. `table` is a validated [schema.]name. */
export async function readPostRows(postgresUrl: string, table: string, idPrefix: string): Promise<DeliveredRow[]> {
  if (!SQL_TABLE_NAME.test(table)) throw new Error(`unsafe table name ${table}`);
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const result = await client.query<{
      post_id: string;
      shard_id: string;
      sequence_number: string;
      sub_sequence_number: number;
      loaded_ms: string;
    }>(
      `SELECT ${C.postId}, ${C.shardId}, ${C.sequenceNumber}, ${C.subSequenceNumber}, (EXTRACT(EPOCH FROM ${C.loadedAt}) * 1000)::bigint AS loaded_ms FROM ${table} WHERE ${C.postId} LIKE $1`,
      [`${idPrefix.replace(/[\\%_]/g, '\\$&')}%`],
    );
    return result.rows.map((r) => ({
      postId: r.post_id,
      shardId: r.shard_id,
      sequenceNumber: r.sequence_number,
      subSequenceNumber: r.sub_sequence_number,
      loadedAtMs: Number(r.loaded_ms),
    }));
  } finally {
    await client.end();
  }
}

/** Rows whose post_id starts with `idPrefix` (cheap progress check). */
export async function countPostRows(postgresUrl: string, table: string, idPrefix: string): Promise<number> {
  if (!SQL_TABLE_NAME.test(table)) throw new Error(`unsafe table name ${table}`);
  const client = new Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${C.postId} LIKE $1`, [
      `${idPrefix.replace(/[\\%_]/g, '\\$&')}%`,
    ]);
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
