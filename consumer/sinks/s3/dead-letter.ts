// Dead-letter objects: one per rejected record, with its raw bytes (base64), the reason and the detail.
import { Readable } from 'node:stream';
import type { Rejection } from '../../decode/decoded-record';
import { deadLetterKey } from './archive-layout';
import type { ObjectStore } from './object-store';

export interface DeadLetterDocument {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
  readonly partitionKey: string;
  readonly approximateArrivalTimestamp: number;
  readonly reason: string;
  readonly detail: string;
  /** The record's raw bytes, standard base64. */
  readonly data: string;
}

export function deadLetterDocument(rejection: Rejection): DeadLetterDocument {
  const { record } = rejection;
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber,
    partitionKey: record.partitionKey,
    approximateArrivalTimestamp: record.approximateArrivalTimestamp,
    reason: rejection.reason,
    detail: rejection.detail,
    data: record.data.toString('base64'),
  };
}

/** Writes every rejection under `<error-prefix>/<reason>/YYYY/MM/DD/HH/`; the key is the record identity, so a replay overwrites. */
export async function writeDeadLetters(store: ObjectStore, errorPrefix: string, rejections: readonly Rejection[], concurrency = 8): Promise<number> {
  const queue = [...rejections];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const rejection = next;
      const key = deadLetterKey(errorPrefix, rejection.reason, rejection.record, rejection.record.approximateArrivalTimestamp);
      const text = `${JSON.stringify(deadLetterDocument(rejection))}\n`;
      await store.put(key, () => Readable.from([Buffer.from(text, 'utf8')]), { contentType: 'application/json' });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rejections.length) }, worker));
  return rejections.length;
}
