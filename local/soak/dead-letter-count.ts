// Counts the poison records of a run found in its dead-letter objects: distinct payload ids, whatever the object layout.
import type { S3Client } from '@aws-sdk/client-s3';
import { objectTexts } from '../trace/delivery-reader';

export interface DeadLetterCount {
  /** Distinct poison ids (`<runId>-p<n>`) found in the dead letters' raw bytes. */
  readonly poisonIds: number;
  /** Distinct record identities (shardId/sequenceNumber/subSequenceNumber) among them: above poisonIds when one poison record was stored under two identities. */
  readonly identities: number;
  /** Dead-letter lines read. */
  readonly lines: number;
  /** Lines whose raw bytes carried no poison id of this run. */
  readonly foreign: number;
}

/** Reads every object under `prefix`; each line is one dead letter (JSON with base64 `data`). */
export async function countDeadLetters(
  s3: S3Client,
  bucket: string,
  prefix: string,
  runId: string,
): Promise<DeadLetterCount> {
  const ids = new Set<string>();
  const identities = new Set<string>();
  const pattern = new RegExp(`${runId}-p\\d+`);
  let lines = 0;
  let foreign = 0;
  for await (const { key, text } of objectTexts(s3, bucket, prefix)) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      lines += 1;
      const id = poisonIdOf(line, pattern);
      if (id === undefined) {
        foreign += 1;
        continue;
      }
      ids.add(id);
      identities.add(identityOf(line) ?? `${key}#${id}`);
    }
  }
  return { poisonIds: ids.size, identities: identities.size, lines, foreign };
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

function identityOf(line: string): string | undefined {
  try {
    const { shardId, sequenceNumber, subSequenceNumber } = JSON.parse(line) as {
      shardId?: unknown;
      sequenceNumber?: unknown;
      subSequenceNumber?: unknown;
    };
    return typeof shardId === 'string' && typeof sequenceNumber === 'string'
      ? `${shardId}/${sequenceNumber}/${String(subSequenceNumber ?? 0)}`
      : undefined;
  } catch {
    return undefined;
  }
}
