// Reads the date-time forms producers actually send (ISO 8601 variants, Python str(datetime), Twitter dates, epoch s/ms) into epoch ms.

const EPOCH_SECONDS_LIMIT = 1e11;

/**
 * `YYYY-MM-DD`, then optionally `T` or one space, `hh:mm[:ss[.fraction]]`, then optionally `Z`, `±hh`, `±hhmm`
 * or `±hh:mm`. A missing zone means UTC (telematics units and Python's naive `str(datetime)` log UTC).
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
/** Twitter's v1.1 `created_at`: `Wed Nov 18 10:00:00 +0000 2026`. */
const TWITTER =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}$/;
/** RFC 1123 (HTTP dates): `Wed, 18 Nov 2026 10:00:00 GMT`. */
const RFC_1123 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})$/;
const NUMERIC = /^\d+(?:\.\d+)?$/;

/** Epoch milliseconds of a date-time text or epoch number, or undefined when it is not one of the accepted forms. */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? fromEpoch(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (NUMERIC.test(text)) return fromEpoch(Number(text));
  const iso = ISO.exec(text);
  if (iso !== null) return fromIso(iso);
  if (TWITTER.test(text) || RFC_1123.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : undefined;
  }
  return undefined;
}

/** True for the date part of an ISO date-time (`YYYY-MM-DD`): a legacy line split its date and time apart. */
export function isIsoDate(token: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(token);
}

function fromEpoch(numeric: number): number | undefined {
  const ms = numeric < EPOCH_SECONDS_LIMIT ? numeric * 1000 : numeric;
  return Number.isFinite(ms) && !Number.isNaN(new Date(ms).getTime()) ? Math.round(ms) : undefined;
}

function fromIso(match: RegExpExecArray): number | undefined {
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Number(`0.${fraction || '0'}`) * 1000;
  const local = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
  const offset = zoneOffsetMinutes(zone);
  return offset === undefined ? undefined : Math.round(local - offset * 60_000);
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
