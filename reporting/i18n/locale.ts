// The people's side's languages: REPORTING_LOCALE, Accept-Language negotiation, and Intl formatters for numbers and dates.
import type { ConfigReader } from '../../common/config/config-reader';

/** The languages the dashboard, the weekly mail and the alert are written in. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** The setting that picks the language of the mail and the alert, and the dashboard's default. */
export const LOCALE_VARIABLE = 'REPORTING_LOCALE';
export const DEFAULT_LOCALE: Locale = 'en';

/** Reads REPORTING_LOCALE (en | es, default en); a bad value is one more problem in the reader's ConfigError. */
export function readLocale(reader: ConfigReader): Locale {
  return reader.oneOf(LOCALE_VARIABLE, LOCALES, DEFAULT_LOCALE);
}

/** The supported locale for a language tag (`es-MX` -> es), or undefined. */
export function localeOfTag(tag: string): Locale | undefined {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : undefined;
}

/**
 * The best supported locale for an HTTP `Accept-Language` header (RFC 9110 §12.5.4: tags with optional `;q=`
 * weights, `q=0` meaning "not acceptable"), or `fallback` when the header names none we have.
 */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (acceptLanguage === undefined || acceptLanguage.trim() === '') return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = q === undefined ? 1 : Number(q);
      return { locale: localeOfTag(tag), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.locale !== undefined && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked[0]?.locale ?? fallback;
}

/** Formatters for one locale and IANA zone; one instance per render (Intl objects are costly to build). */
export interface LocaleFormat {
  readonly locale: Locale;
  /** 12,345 (en) or 12.345 (es). */
  integer(value: number): string;
  /** A share in [0, 1] as a percentage with `digits` decimals: 63.6% (en), 63,6 % (es). */
  percent(value: number, digits?: number): string;
  /** A signed change in percentage points: +4.2 pp (en), -4,2 p. p. (es). */
  points(delta: number): string;
  /** The calendar date of `ms` in the zone: Mon, Dec 7, 2026 (en) / lun, 7 dic 2026 (es). */
  date(ms: number): string;
  /** Date and time of `ms` in the zone, minutes precision. */
  dateTime(ms: number): string;
  /** Time of day of `ms` in the zone: 14:05. */
  time(ms: number): string;
}

/** Builds the formatters for `locale` in `timeZone` (an IANA zone already checked by the caller). */
export function localeFormat(locale: Locale, timeZone: string): LocaleFormat {
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percents = new Map<number, Intl.NumberFormat>();
  const percentOf = (digits: number): Intl.NumberFormat => {
    let format = percents.get(digits);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      percents.set(digits, format);
    }
    return format;
  };
  const points = new Intl.NumberFormat(locale, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const dateTime = new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
    hour12: false,
  });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hour12: false });
  return {
    locale,
    integer: (value) => integer.format(value),
    percent: (value, digits = 1) => percentOf(digits).format(value),
    points: (delta) => `${points.format(delta * 100)} ${locale === 'es' ? 'p. p.' : 'pp'}`,
    date: (ms) => date.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    time: (ms) => time.format(ms),
  };
}
