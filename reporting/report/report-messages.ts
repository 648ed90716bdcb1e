// The weekly report's words in English and Spanish (REPORTING_LOCALE); numbers and dates come from reporting/i18n/locale.ts.
import type { Locale } from '../i18n/locale';

export interface ReportMessages {
  readonly subject: (week: string, first: string, last: string) => string;
  readonly title: (week: string) => string;
  readonly period: (first: string, last: string, zone: string) => string;
  readonly generated: (at: string) => string;
  readonly posts: string;
  readonly negativeShare: string;
  readonly meanScore: string;
  readonly vsPrevious: (change: string) => string;
  readonly noPreviousPosts: string;
  readonly openDashboard: string;
  readonly chartTitle: (week: string, zone: string) => string;
  readonly chartAlt: (week: string) => string;
  readonly daysTitle: string;
  readonly dayColumns: readonly string[];
  readonly weekTotal: string;
  readonly termsTitle: string;
  readonly termsIntro: string;
  readonly termColumns: readonly string[];
  readonly newTerm: string;
  readonly rising: string;
  readonly risingTitle: string;
  readonly noTerms: string;
  readonly negativeExamples: string;
  readonly positiveExamples: string;
  readonly noExamples: string;
  readonly splitTitle: string;
  readonly bySource: string;
  readonly byLanguage: string;
  readonly splitColumns: readonly string[];
  readonly unknown: string;
  readonly alertsTitle: string;
  readonly noAlerts: string;
  readonly alertsNotKept: string;
  readonly alertLine: (kind: string, posts: string, from: string, to: string) => string;
  readonly alertTerms: string;
  readonly openAlert: string;
  readonly footnote: string;
  readonly textAttachments: (csv: string, termsCsv: string) => string;
  readonly weekdays: readonly string[];
}

const EN: ReportMessages = {
  subject: (week, first, last) => `Weekly sentiment report ${week} (${first} to ${last})`,
  title: (week) => `Weekly sentiment report: ${week}`,
  period: (first, last, zone) => `${first} to ${last} (Monday to Sunday, days in ${zone} by post time)`,
  generated: (at) => `generated ${at}`,
  posts: 'posts',
  negativeShare: 'negative share',
  meanScore: 'mean score',
  vsPrevious: (change) => `${change} vs the week before`,
  noPreviousPosts: 'no posts the week before',
  openDashboard: 'Open this week on the dashboard',
  chartTitle: (week, zone) => `Posts per day by sentiment, ${week} (${zone}); line: mean score (right axis)`,
  chartAlt: (week) => `Posts per day by sentiment, ${week}`,
  daysTitle: 'Day by day',
  dayColumns: [
    'day',
    'posts',
    'week before',
    'change',
    'positive',
    'negative',
    'neutral',
    'mixed',
    'unscored',
    'negative share',
    'mean score',
  ],
  weekTotal: 'week total',
  termsTitle: 'What people talked about',
  termsIntro: 'Words and two-word phrases in the most posts this week, against the week before.',
  termColumns: ['term', 'posts', 'negative share', 'week before', 'change'],
  newTerm: 'new',
  rising: 'rising',
  risingTitle: 'Rising most since the week before',
  noTerms: 'No term was used in two posts or more.',
  negativeExamples: 'Three representative negative posts',
  positiveExamples: 'Three representative positive posts',
  noExamples: 'None this week.',
  splitTitle: 'Where the posts came from',
  bySource: 'By source',
  byLanguage: 'By language',
  splitColumns: ['', 'posts', 'share', 'negative share'],
  unknown: 'unknown',
  alertsTitle: 'Alerts raised this week',
  noAlerts: 'No alert was raised this week.',
  alertsNotKept: "Alerts are not kept where this report can read them (ALERT_FILE names the alerter's log).",
  alertLine: (kind, posts, from, to) =>
    `${kind === 'negative-share' ? 'Negative share above normal' : 'Negative burst'}: ${posts} negative posts, ${from} to ${to}`,
  alertTerms: 'about',
  openAlert: 'open',
  footnote:
    'Negative share: NEGATIVE posts / scored posts. Mean score: average of score_positive - score_negative over scored posts (-1 all negative, +1 all positive). Unscored: the analyzer could not score the post (for example an unsupported language).',
  textAttachments: (csv, termsCsv) => `The figures are attached as ${csv}, the terms as ${termsCsv}.`,
  weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

const ES: ReportMessages = {
  subject: (week, first, last) => `Informe semanal de sentimiento ${week} (del ${first} al ${last})`,
  title: (week) => `Informe semanal de sentimiento: ${week}`,
  period: (first, last, zone) =>
    `Del ${first} al ${last} (de lunes a domingo, días en ${zone} por hora de publicación)`,
  generated: (at) => `generado el ${at}`,
  posts: 'publicaciones',
  negativeShare: 'proporción negativa',
  meanScore: 'puntuación media',
  vsPrevious: (change) => `${change} respecto a la semana anterior`,
  noPreviousPosts: 'sin publicaciones la semana anterior',
  openDashboard: 'Abrir esta semana en el panel',
  chartTitle: (week, zone) =>
    `Publicaciones por día y sentimiento, ${week} (${zone}); línea: puntuación media (eje derecho)`,
  chartAlt: (week) => `Publicaciones por día y sentimiento, ${week}`,
  daysTitle: 'Día a día',
  dayColumns: [
    'día',
    'publicaciones',
    'semana anterior',
    'cambio',
    'positivas',
    'negativas',
    'neutras',
    'mixtas',
    'sin puntuar',
    'proporción negativa',
    'puntuación media',
  ],
  weekTotal: 'total de la semana',
  termsTitle: 'De qué se habló',
  termsIntro: 'Palabras y expresiones de dos palabras en más publicaciones esta semana, frente a la semana anterior.',
  termColumns: ['término', 'publicaciones', 'proporción negativa', 'semana anterior', 'cambio'],
  newTerm: 'nuevo',
  rising: 'en alza',
  risingTitle: 'Lo que más creció respecto a la semana anterior',
  noTerms: 'Ningún término aparece en dos publicaciones o más.',
  negativeExamples: 'Tres publicaciones negativas representativas',
  positiveExamples: 'Tres publicaciones positivas representativas',
  noExamples: 'Ninguna esta semana.',
  splitTitle: 'De dónde vinieron las publicaciones',
  bySource: 'Por fuente',
  byLanguage: 'Por idioma',
  splitColumns: ['', 'publicaciones', 'proporción', 'proporción negativa'],
  unknown: 'desconocido',
  alertsTitle: 'Alertas de esta semana',
  noAlerts: 'No hubo ninguna alerta esta semana.',
  alertsNotKept:
    'Las alertas no se guardan donde este informe pueda leerlas (ALERT_FILE indica el registro del alertador).',
  alertLine: (kind, posts, from, to) =>
    `${kind === 'negative-share' ? 'Proporción negativa por encima de lo normal' : 'Pico negativo'}: ${posts} publicaciones negativas, del ${from} al ${to}`,
  alertTerms: 'sobre',
  openAlert: 'abrir',
  footnote:
    'Proporción negativa: publicaciones NEGATIVAS / publicaciones puntuadas. Puntuación media: media de score_positive - score_negative de las publicaciones puntuadas (-1 todo negativo, +1 todo positivo). Sin puntuar: el analizador no pudo puntuar la publicación (por ejemplo, un idioma no admitido).',
  textAttachments: (csv, termsCsv) => `Las cifras van adjuntas en ${csv} y los términos en ${termsCsv}.`,
  weekdays: ['lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'],
};

export function reportMessages(locale: Locale): ReportMessages {
  return locale === 'es' ? ES : EN;
}

/** A language code's name in the report's language ("es" -> "Spanish" / "español"); the code when Intl has none. */
export function languageName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
