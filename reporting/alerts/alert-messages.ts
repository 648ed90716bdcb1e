// The alert's words in English and Spanish (REPORTING_LOCALE), composed into one message that every channel renders its own way.
import type { Locale, LocaleFormat } from '../i18n/locale';
import type { BurstAlert, NegativeAlert, ShareAlert } from './burst-alert';

/** One alert as people read it, before a channel lays it out (plain text, Slack blocks, a Teams card). */
export interface AlertMessage {
  /** One line; SNS subjects take an ASCII fold of it (alert-text.ts). */
  readonly title: string;
  readonly summary: readonly string[];
  /** "What they are about: fares (3), …", absent when no term is shared by two posts. */
  readonly terms?: string;
  readonly linkLabel: string;
  readonly link: string;
  readonly examplesHeading: string;
  readonly examples: readonly { readonly when: string; readonly user: string | null; readonly text: string }[];
  readonly footer: string;
}

interface Words {
  burstTitle(posts: string, minutes: string): string;
  burstSummary(posts: string, between: string, threshold: string, minutes: string): string;
  shareTitle(share: string, baseline: string): string;
  shareSummary(between: string, negative: string, scored: string, share: string): string;
  shareBaseline(
    days: string,
    baseline: string,
    negative: string,
    scored: string,
    delta: string,
    margin: string,
  ): string;
  /** "between 10:00 and 10:04 on Fri, Nov 20, 2026" or across days "between <date time> and <date time>". */
  between(from: string, to: string, date?: string): string;
  terms: string;
  linkLabel: string;
  examplesHeading: string;
  detected(at: string, zone: string): string;
}

const WORDS: Readonly<Record<Locale, Words>> = {
  en: {
    burstTitle: (posts, minutes) => `Negative burst: ${posts} negative posts within ${minutes} min`,
    burstSummary: (posts, between, threshold, minutes) =>
      `${posts} NEGATIVE posts ${between}, more than the ${threshold} allowed within ${minutes} minutes.`,
    shareTitle: (share, baseline) => `Negative share above normal: ${share} in the last hour (normal ${baseline})`,
    shareSummary: (between, negative, scored, share) =>
      `In the last hour (${between}) ${negative} of ${scored} scored posts were NEGATIVE: ${share}.`,
    shareBaseline: (days, baseline, negative, scored, delta, margin) =>
      `Normal for these hours over the previous ${days} days: ${baseline} (${negative} of ${scored}); that is ${delta}, more than the ${margin} margin.`,
    between: (from, to, date) =>
      date === undefined ? `between ${from} and ${to}` : `between ${from} and ${to} on ${date}`,
    terms: 'What they are about',
    linkLabel: 'Open the dashboard on these posts',
    examplesHeading: 'Examples',
    detected: (at, zone) => `Detected ${at} (times in ${zone}).`,
  },
  es: {
    burstTitle: (posts, minutes) => `Pico negativo: ${posts} publicaciones negativas en ${minutes} min`,
    burstSummary: (posts, between, threshold, minutes) =>
      `${posts} publicaciones NEGATIVAS ${between}, más de las ${threshold} permitidas en ${minutes} minutos.`,
    shareTitle: (share, baseline) =>
      `Proporción negativa por encima de lo normal: ${share} en la última hora (normal ${baseline})`,
    shareSummary: (between, negative, scored, share) =>
      `En la última hora (${between}) ${negative} de ${scored} publicaciones puntuadas fueron NEGATIVAS: ${share}.`,
    shareBaseline: (days, baseline, negative, scored, delta, margin) =>
      `Lo normal en estas horas de los ${days} días anteriores: ${baseline} (${negative} de ${scored}); la diferencia (${delta}) supera el margen (${margin}).`,
    between: (from, to, date) =>
      date === undefined ? `entre el ${from} y el ${to}` : `entre las ${from} y las ${to} del ${date}`,
    terms: 'De qué hablan',
    linkLabel: 'Ver estas publicaciones en el panel',
    examplesHeading: 'Ejemplos',
    detected: (at, zone) => `Detectada el ${at} (horas de ${zone}).`,
  },
};

/** The alert in `format`'s language, times in `timeZone` (the zone `format` was built for). */
export function composeAlertMessage(alert: NegativeAlert, format: LocaleFormat, timeZone: string): AlertMessage {
  const words = WORDS[format.locale];
  const n = (value: number): string => format.integer(value);
  const fromMs = Date.parse(alert.windowStart);
  const toMs = Date.parse(alert.windowEnd);
  const between =
    format.date(fromMs) === format.date(toMs)
      ? words.between(format.time(fromMs), format.time(toMs), format.date(fromMs))
      : words.between(format.dateTime(fromMs), format.dateTime(toMs));
  return {
    title: alert.kind === 'negative-burst' ? burstTitle(alert, words, n) : shareTitle(alert, words, format),
    summary:
      alert.kind === 'negative-burst'
        ? burstSummary(alert, between, words, n)
        : shareLines(alert, between, words, format),
    ...(alert.terms.length === 0
      ? {}
      : { terms: `${words.terms}: ${alert.terms.map((t) => `${t.term} (${n(t.posts)})`).join(', ')}` }),
    linkLabel: words.linkLabel,
    link: alert.dashboardUrl,
    examplesHeading: words.examplesHeading,
    examples: alert.examples.map((e) => ({ when: format.time(Date.parse(e.postedAt)), user: e.user, text: e.text })),
    footer: words.detected(format.dateTime(Date.parse(alert.detectedAt)), timeZone),
  };
}

function burstTitle(alert: BurstAlert, words: Words, n: (v: number) => string): string {
  return words.burstTitle(n(alert.negativePosts), n(alert.windowMinutes));
}

function burstSummary(alert: BurstAlert, between: string, words: Words, n: (v: number) => string): string[] {
  return [words.burstSummary(n(alert.negativePosts), between, n(alert.threshold), n(alert.windowMinutes))];
}

function shareTitle(alert: ShareAlert, words: Words, format: LocaleFormat): string {
  return words.shareTitle(format.percent(alert.negativeShare), format.percent(alert.baselineShare));
}

function shareLines(alert: ShareAlert, between: string, words: Words, format: LocaleFormat): string[] {
  const n = (value: number): string => format.integer(value);
  return [
    words.shareSummary(between, n(alert.negativePosts), n(alert.scoredPosts), format.percent(alert.negativeShare)),
    words.shareBaseline(
      n(alert.baselineDays),
      format.percent(alert.baselineShare),
      n(alert.baselineNegativePosts),
      n(alert.baselineScoredPosts),
      format.points(alert.negativeShare - alert.baselineShare),
      format.points(alert.marginPoints / 100).replace(/^\+/, ''),
    ),
  ];
}

/** Composes each alert in one language and zone; the notifiers share it. */
export type AlertRenderer = (alert: NegativeAlert) => AlertMessage;

export function alertRenderer(format: LocaleFormat, timeZone: string): AlertRenderer {
  return (alert) => composeAlertMessage(alert, format, timeZone);
}
