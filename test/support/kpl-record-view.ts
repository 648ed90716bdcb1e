// Turns KPL records into plain comparable values (hex data), so chai's deep equality ignores Buffer vs Uint8Array.
import { decodeAggregate } from '../../common/kpl/aggregate-codec';
import type { KplRecord } from '../../common/kpl/kpl-record';

export interface RecordView {
  partitionKey: string;
  explicitHashKey?: string;
  dataHex: string;
}

export function viewOf(records: readonly KplRecord[]): RecordView[] {
  return records.map((r) => {
    const dataHex = Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength).toString('hex');
    return r.explicitHashKey === undefined
      ? { partitionKey: r.partitionKey, dataHex }
      : { partitionKey: r.partitionKey, explicitHashKey: r.explicitHashKey, dataHex };
  });
}

/** The records of an aggregate that must decode; fails the test with the decoder's verdict otherwise. */
export function decodedRecords(bytes: Uint8Array): KplRecord[] {
  const result = decodeAggregate(bytes);
  if (result.kind !== 'aggregated') throw new Error(`expected an aggregate, got ${JSON.stringify(result)}`);
  return result.records;
}
