// Pure: the dashboard's URL state (?from=&to=&range=&minutes=&label=&source=&lang=&hashtag=&q=) read into a view, 400 on a bad parameter.
import { DateTime } from 'luxon';
import { POST_LABELS, type PostLabel } from '../posts/post-reader';
import type { Bucket, PostFilters, Selection } from '../posts/selection';
import { BadParameterError } from './dashboard-errors';
import { bucketEnd } from './zone-buckets';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** The time-range presets of the page: relative to now, ending with the current (partial) bucket. */
export const RANGE_PRESETS = Object.freeze({
  '15m': 15 * MINUTE_MS,
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '28d': 28 * DAY_MS,
});
export type RangePreset = keyof typeof RANGE_PRESETS;
/** Longest custom range: a year. */
export const MAX_RANGE_MS = 366 * DAY_MS;
/** `minutes=` (the dashboard's first interface) accepts up to 28 days. */
export const MAX_MINUTES = 28 * 24 * 60;

export interface DashboardView {
  readonly selection: Selection;
  readonly bucket: Bucket;
  /** For a range relative to now (range= or minutes=): its length; live views are relative. Undefined for from/to. */
  readonly relativeMs?: number;
  /** Canonical text of the request (relative range or from/to, and filters): the shared cache's key. */
  readonly key: string;
}

export interface ViewDefaults {
  readonly timeZone: string;
  /** Length of the view when the URL names no range (DASHBOARD_MINUTES). */
  readonly defaultMinutes: number;
}

/** The bucket a range of this length is drawn in: minutes up to 3 hours, hours up to 3 days, days beyond. */
export function bucketFor(lengthMs: number): Bucket {
  return lengthMs <= 3 * HOUR_MS ? 'minute' : lengthMs <= 3 * DAY_MS ? 'hour' : 'day';
}

function param(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value.trim() === '' ? undefined : value.trim();
}

/** ISO 8601 with an offset or Z, or a local date-time (`2026-12-01T08:00`, what a date-time input sends) in `zone`. */
export function parseInstant(value: string, name: string, timeZone: string): number {
  if (/^\d{10,13}$/.test(value)) return Number(value.length === 10 ? `${value}000` : value);
  const parsed = DateTime.fromISO(value, { zone: timeZone, setZone: false });
  if (!parsed.isValid)
    throw new BadParameterError(
      name,
      `"${value}" is not an ISO 8601 date-time (e.g. 2026-12-01T08:00 or 2026-12-01T08:00:00Z)`,
    );
  return parsed.toMillis();
}

/** The filters of the URL; each bad one is a BadParameterError naming it. */
export function parseFilters(params: URLSearchParams): PostFilters {
  const label = param(params, 'label')?.toUpperCase();
  if (label !== undefined && !POST_LABELS.includes(label as PostLabel))
    throw new BadParameterError('label', `must be one of ${POST_LABELS.join(', ')}`);
  const source = param(params, 'source');
  if (source !== undefined && !/^[a-z0-9_-]{1,16}$/i.test(source))
    throw new BadParameterError('source', 'must be 1-16 letters, digits, - or _ (x, instagram, sample, file)');
  const lang = param(params, 'lang');
  if (lang !== undefined && !/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(lang))
    throw new BadParameterError('lang', 'must be a language code such as es, en or pt-BR');
  const hashtag = param(params, 'hashtag')?.replace(/^#/, '').normalize('NFC');
  if (hashtag !== undefined && !/^[\p{L}\p{M}\p{N}_]{1,100}$/u.test(hashtag))
    throw new BadParameterError('hashtag', 'must be one hashtag of letters, marks, digits and _ (with or without #)');
  const q = param(params, 'q');
  if (q !== undefined && [...q].length > 200) throw new BadParameterError('q', 'must be at most 200 characters');
  return {
    ...(label === undefined ? {} : { label: label as PostLabel }),
    ...(source === undefined ? {} : { source: source.toLowerCase() }),
    ...(lang === undefined ? {} : { lang: lang.toLowerCase() }),
    ...(hashtag === undefined ? {} : { hashtag }),
    ...(q === undefined ? {} : { q }),
  };
}

/**
 * The view a URL asks for at `nowMs`. Precedence: from/to (to defaults to now), then range= (a preset), then
 * minutes= (1 to 40,320), then the default minutes. A relative view ends with the bucket holding now.
 */
export function parseView(params: URLSearchParams, nowMs: number, defaults: ViewDefaults): DashboardView {
  const filters = parseFilters(params);
  const fromText = param(params, 'from');
  const toText = param(params, 'to');
  let fromMs: number;
  let toMs: number;
  let relativeMs: number | undefined;
  let rangeKey: string;
  if (fromText !== undefined) {
    fromMs = parseInstant(fromText, 'from', defaults.timeZone);
    toMs = toText === undefined ? nowMs : parseInstant(toText, 'to', defaults.timeZone);
    if (toMs <= fromMs) throw new BadParameterError('to', 'must be after from');
    if (toMs - fromMs > MAX_RANGE_MS) throw new BadParameterError('from', 'the range may be at most 366 days');
    rangeKey = toText === undefined ? `from=${fromMs}` : `from=${fromMs}&to=${toMs}`;
  } else {
    if (toText !== undefined) throw new BadParameterError('from', 'is required when to is given');
    const range = param(params, 'range');
    const minutesText = param(params, 'minutes');
    if (range !== undefined) {
      if (!(range in RANGE_PRESETS))
        throw new BadParameterError('range', `must be one of ${Object.keys(RANGE_PRESETS).join(', ')}`);
      relativeMs = RANGE_PRESETS[range as RangePreset];
    } else if (minutesText !== undefined) {
      const minutes = Number(minutesText);
      if (!/^\d+$/.test(minutesText) || minutes < 1 || minutes > MAX_MINUTES)
        throw new BadParameterError('minutes', `minutes must be an integer from 1 to ${MAX_MINUTES}`);
      relativeMs = minutes * MINUTE_MS;
    } else {
      relativeMs = defaults.defaultMinutes * MINUTE_MS;
    }
    toMs = bucketEnd(nowMs, bucketFor(relativeMs), defaults.timeZone);
    fromMs = toMs - relativeMs;
    rangeKey = `last=${relativeMs}`;
  }
  const bucket = bucketFor(toMs - fromMs);
  if (relativeMs !== undefined && bucket === 'day') {
    // Whole local days: the first bucket starts at a midnight of the zone, DST changes included.
    fromMs = DateTime.fromMillis(toMs, { zone: defaults.timeZone })
      .minus({ days: Math.round(relativeMs / DAY_MS) })
      .toMillis();
  }
  return {
    selection: { fromMs, toMs, ...filters },
    bucket,
    ...(relativeMs === undefined ? {} : { relativeMs }),
    key: JSON.stringify([rangeKey, filters.label, filters.source, filters.lang, filters.hashtag, filters.q]),
  };
}
