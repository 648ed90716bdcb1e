// Reads an archive back for assertions: gunzips objects, parses NDJSON lines, lists every key under a prefix in S3.
import { ListObjectsV2Command, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { gunzipSync } from 'node:zlib';
import type { ArchiveLine } from '../../consumer/sinks/s3/archive-line';

/** The lines of one archive object (gzip'd when the key ends in .gz). */
export function parseArchiveObject(key: string, bytes: Buffer): ArchiveLine[] {
  const text = (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ArchiveLine);
}

/** `shard/sequence/sub` of every archived line, in the order found (duplicates kept, so tests can count them). */
export function archivedIdentities(lines: readonly ArchiveLine[]): string[] {
  return lines.map((line) => `${line.shardId}/${line.sequenceNumber}/${line.subSequenceNumber}`);
}

/** Every key under `prefix`, following continuation tokens. */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return keys.sort();
}

export async function getObject(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (response.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** Every line of every archive object under `prefix`. */
export async function readArchive(
  s3: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ keys: string[]; lines: ArchiveLine[] }> {
  const keys = await listKeys(s3, bucket, prefix);
  const lines: ArchiveLine[] = [];
  for (const key of keys) lines.push(...parseArchiveObject(key, await getObject(s3, bucket, key)));
  return { keys, lines };
}
