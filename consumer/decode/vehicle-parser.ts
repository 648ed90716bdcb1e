// Reads a vehicle telematics reading from JSON or from the legacy line "record_id timestamp vin lat lon speed".
import { isIsoDate } from './date-time';
import type { VehicleReading } from './decoded-record';
import { readId, readNumber, readString, readTimestamp, type JsonObject } from './field-readers';
import type { ParseResult } from './post-parser';

const VIN = /^[A-HJ-NPR-Z0-9]{11,17}$/i;

export function looksLikeVehicle(json: JsonObject): boolean {
  return json.vin !== undefined;
}

export function parseVehicleJson(json: JsonObject): ParseResult<VehicleReading> {
  return validate({
    recordId: readId(json.record_id),
    timestamp: readTimestamp(json.timestamp),
    vin: readString(json.vin)?.trim(),
    lat: readNumber(json.lat),
    lon: readNumber(json.lon),
    speed: readNumber(json.speed),
  });
}

/**
 * The legacy form: six space-separated fields, the timestamp possibly split in two by a space (`2026-11-28
 * 08:05:13.250000`, Python's `str(datetime)`). Returns undefined when the line does not have that shape at all.
 */
export function parseVehicleLine(line: string): ParseResult<VehicleReading> | undefined {
  const fields = line.trim().split(/\s+/);
  if (fields.length === 7 && isIsoDate(fields[1])) fields.splice(1, 2, `${fields[1]} ${fields[2]}`);
  if (fields.length !== 6) return undefined;
  const [recordId, timestamp, vin, lat, lon, speed] = fields;
  return validate({
    recordId: readId(recordId),
    timestamp: readTimestamp(timestamp),
    vin,
    lat: readNumber(lat),
    lon: readNumber(lon),
    speed: readNumber(speed),
  });
}

interface Candidate {
  recordId?: string;
  timestamp?: string;
  vin?: string;
  lat?: number;
  lon?: number;
  speed?: number;
}

function validate(c: Candidate): ParseResult<VehicleReading> {
  const problems: string[] = [];
  if (c.recordId === undefined) problems.push('record_id is missing');
  if (c.timestamp === undefined) problems.push('timestamp is not a date');
  if (c.vin === undefined || !VIN.test(c.vin)) problems.push('vin is not a vehicle identification number');
  if (c.lat === undefined || c.lat < -90 || c.lat > 90) problems.push('lat is not within [-90, 90]');
  if (c.lon === undefined || c.lon < -180 || c.lon > 180) problems.push('lon is not within [-180, 180]');
  if (c.speed === undefined || c.speed < 0) problems.push('speed is not a non-negative number');
  if (problems.length > 0) return { ok: false, detail: problems.join('; ') };
  return {
    ok: true,
    value: {
      recordId: c.recordId ?? '',
      timestamp: c.timestamp ?? '',
      vin: (c.vin ?? '').toUpperCase(),
      lat: c.lat ?? 0,
      lon: c.lon ?? 0,
      speed: c.speed ?? 0,
    },
  };
}
