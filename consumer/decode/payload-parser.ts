// Classifies one user record's bytes: a post, a vehicle reading, or a rejection with its reason; never throws.
import { parseJsonKeepingBigIntegers } from '../../common/safe-json';
import type { UserRecord } from '../../common/user-record';
import type { DecodedRecord } from './decoded-record';
import { isObject } from './field-readers';
import { looksLikePost, parsePost } from './post-parser';
import { unstorableFields } from './unstorable-text';
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
      // A numeric id beyond 2^53 without id_str has lost digits as a double; read it again keeping them (rare path).
      if (isObject(json) && json.id_str === undefined && typeof json.id === 'number' && !Number.isSafeInteger(json.id))
        json = parseJsonKeepingBigIntegers(trimmed);
    } catch (error: unknown) {
      return reject('invalid-json', error instanceof Error ? error.message : 'unparsable JSON');
    }
    if (!isObject(json)) return reject('unknown-shape', 'JSON is not an object');
    if (looksLikePost(json)) {
      const post = parsePost(json, record.approximateArrivalTimestamp);
      const unstorable = post.ok ? unstorableFields(post.value) : [];
      if (unstorable.length > 0) return reject('invalid-field', unstorableDetail(unstorable));
      return post.ok ? { kind: 'post', record, post: post.value } : reject('invalid-field', post.detail);
    }
    if (looksLikeVehicle(json)) {
      const reading = parseVehicleJson(json);
      const unstorable = reading.ok ? unstorableFields(reading.value) : [];
      if (unstorable.length > 0) return reject('invalid-field', unstorableDetail(unstorable));
      return reading.ok ? { kind: 'vehicle', record, reading: reading.value } : reject('invalid-field', reading.detail);
    }
    return reject('unknown-shape', 'a JSON object that is neither a post (text) nor a vehicle reading (vin)');
  }
  const line = parseVehicleLine(trimmed);
  if (line === undefined)
    return reject('unknown-shape', 'neither JSON nor a "record_id timestamp vin lat lon speed" line');
  const unstorable = line.ok ? unstorableFields(line.value) : [];
  if (unstorable.length > 0) return reject('invalid-field', unstorableDetail(unstorable));
  return line.ok ? { kind: 'vehicle', record, reading: line.value } : reject('invalid-field', line.detail);
}

/** A record-level problem the warehouse would reject on every retry (or store altered): dead-lettered here instead. */
function unstorableDetail(problems: readonly string[]): string {
  return `${problems.join('; ')}: neither PostgreSQL nor Redshift can store it`;
}
