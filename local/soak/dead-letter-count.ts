// Counts the poison records of a run found in its dead-letter objects: distinct payload ids, whatever the object layout.
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

export interface DeadLetterCount {
  /** Distinct poison ids (`<runId>-p<n>`) found in the dead letters' raw bytes. */
  readonly poisonIds: number;
  /** Dead-letter lines read (a replay overwrites its own, so this equals poisonIds unless one was stored twice). */
  readonly lines: number;
  /** Lines whose raw bytes carried no poison id of this run. */
  readonly foreign: number;
}

/** Reads every object under `prefix`; each line is one dead letter (JSON with base64 `data`). */
export async function countDeadLetters(s3: S3Client, bucket: string, prefix: string, runId: string): Promise<DeadLetterCount> {
  const ids = new Set<string>();
  const pattern = new RegExp(`${runId}-p\\d+`);
  let lines = 0;
  let foreign = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) {
      if (item.Key === undefined) continue;
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: item.Key }));
      const bytes = Buffer.from(await (body.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
      const text = (item.Key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        lines += 1;
        const id = poisonIdOf(line, pattern);
        if (id === undefined) foreign += 1;
        else ids.add(id);
      }
    }
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  return { poisonIds: ids.size, lines, foreign };
}

function poisonIdOf(line: string, pattern: RegExp): string | undefined {
  try {
    const parsed = JSON.parse(line) as { data?: unknown };
    const raw = typeof parsed.data === 'string' ? Buffer.from(parsed.data, 'base64').toString('utf8') : line;
    return pattern.exec(raw)?.[0];
  } catch {
    return pattern.exec(line)?.[0];
  }
}
