// Classifies one user record's bytes: a post, a vehicle reading, or a rejection with its reason; never throws.
import type { UserRecord } from '../../common/user-record';
import type { DecodedRecord } from './decoded-record';
import { isObject } from './field-readers';
import { looksLikePost, parsePost } from './post-parser';
import { looksLikeVehicle, parseVehicleJson, parseVehicleLine } from './vehicle-parser';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface PayloadLimits {
  /** Larger user records are rejected as 'too-large' before parsing. */
  readonly maxRecordBytes: number;
}

export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = Object.freeze({ maxRecordBytes: 1024 * 1024 });

export function parsePayload(record: UserRecord, limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS): DecodedRecord {
  const reject = (reason: Extract<DecodedRecord, { kind: 'rejected' }>['reason'], detail: string): DecodedRecord => ({
    kind: 'rejected',
    record,
    reason,
    detail,
  });
  if (record.data.length === 0) return reject('empty', 'the record has no data');
  if (record.data.length > limits.maxRecordBytes)
    return reject('too-large', `${record.data.length} bytes > ${limits.maxRecordBytes}`);
  let text: string;
  try {
    text = utf8.decode(record.data);
  } catch {
    return reject('invalid-utf8', 'the data is not valid UTF-8');
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error: unknown) {
      return reject('invalid-json', error instanceof Error ? error.message : 'unparsable JSON');
    }
    if (!isObject(json)) return reject('unknown-shape', 'JSON is not an object');
    if (looksLikePost(json)) {
      const post = parsePost(json, record.approximateArrivalTimestamp);
      if (post.ok && hasNul(post.value))
        return reject('invalid-field', 'a text field holds U+0000, which neither PostgreSQL nor Redshift can store');
      return post.ok ? { kind: 'post', record, post: post.value } : reject('invalid-field', post.detail);
    }
    if (looksLikeVehicle(json)) {
      const reading = parseVehicleJson(json);
      if (reading.ok && hasNul(reading.value))
        return reject('invalid-field', 'a text field holds U+0000, which neither PostgreSQL nor Redshift can store');
      return reading.ok ? { kind: 'vehicle', record, reading: reading.value } : reject('invalid-field', reading.detail);
    }
    return reject('unknown-shape', 'a JSON object that is neither a post (text) nor a vehicle reading (vin)');
  }
  const line = parseVehicleLine(trimmed);
  if (line === undefined)
    return reject('unknown-shape', 'neither JSON nor a "record_id timestamp vin lat lon speed" line');
  return line.ok ? { kind: 'vehicle', record, reading: line.value } : reject('invalid-field', line.detail);
}

/** A record-level problem the warehouse would reject on every retry (SQLSTATE 22021): dead-lettered here instead. */
function hasNul(value: object): boolean {
  return Object.values(value).some(
    (field: unknown) =>
      (typeof field === 'string' && field.includes('\u0000')) ||
      (Array.isArray(field) && field.some((item: unknown) => typeof item === 'string' && item.includes('\u0000'))),
  );
}
