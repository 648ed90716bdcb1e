// Small total functions that read typed fields from untrusted JSON, returning undefined instead of throwing.

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

const EPOCH_SECONDS_LIMIT = 1e11;

/** ISO-8601 UTC from an ISO string, a Twitter-style date, or epoch seconds/milliseconds. */
export function readTimestamp(value: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
    const numeric = Number(value);
    ms = numeric < EPOCH_SECONDS_LIMIT ? numeric * 1000 : numeric;
  } else if (typeof value === 'string') {
    ms = Date.parse(value);
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
