// One archive line per user record: its identity, partition key, arrival time and data (UTF-8 text or base64).
import { isUtf8 } from 'node:buffer';
import type { UserRecord } from '../../../common/user-record';

export type DataEncoding = 'utf8' | 'base64';

export interface ArchiveLine {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly subSequenceNumber: number;
  readonly partitionKey: string;
  readonly explicitHashKey?: string;
  /** Epoch milliseconds, as Kinesis reports it. */
  readonly approximateArrivalTimestamp: number;
  /** Epoch milliseconds when the consumer received the record (absent in lines written before it was recorded). */
  readonly receivedAt?: number;
  readonly dataEncoding: DataEncoding;
  readonly data: string;
}

/** The record as an archive line object; data stays readable text whenever the bytes are valid UTF-8. */
export function toArchiveLine(record: UserRecord): ArchiveLine {
  const text = isUtf8(record.data);
  return {
    shardId: record.shardId,
    sequenceNumber: record.sequenceNumber,
    subSequenceNumber: record.subSequenceNumber,
    partitionKey: record.partitionKey,
    ...(record.explicitHashKey === undefined ? {} : { explicitHashKey: record.explicitHashKey }),
    approximateArrivalTimestamp: record.approximateArrivalTimestamp,
    ...(record.receivedAt === undefined ? {} : { receivedAt: record.receivedAt }),
    dataEncoding: text ? 'utf8' : 'base64',
    data: record.data.toString(text ? 'utf8' : 'base64'),
  };
}

/** The newline-terminated JSON text of one record. */
export function archiveLineText(record: UserRecord): string {
  return `${JSON.stringify(toArchiveLine(record))}\n`;
}

/** The original bytes of an archive line's data. */
export function archivedData(line: Pick<ArchiveLine, 'data' | 'dataEncoding'>): Buffer {
  return Buffer.from(line.data, line.dataEncoding);
}
