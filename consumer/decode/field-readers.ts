// Small total functions that read typed fields from untrusted JSON, returning undefined instead of throwing.
import { parseDateTime } from './date-time';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or a finite number / bigint-safe integer rendered as text. */
export function readId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number from a number or a numeric string. */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** ISO-8601 UTC from the date-time forms `parseDateTime` accepts (ISO variants, Twitter dates, epoch seconds/milliseconds). */
export function readTimestamp(value: unknown): string | undefined {
  const ms = parseDateTime(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
