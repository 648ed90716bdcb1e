// The dashboard page's words in English and Spanish (the languages of reporting/i18n/locale.ts).
import type { Locale } from '../i18n/locale';
import type { PostLabel } from '../posts/post-reader';

export interface DashboardMessages {
  readonly title: string;
  readonly language: string;
  /** The sign-out link, shown when the dashboard sits behind the load balancer's sign-in. */
  readonly signOut: string;
  readonly range: string;
  readonly presets: Readonly<Record<'15m' | '1h' | '24h' | '7d' | '28d', string>>;
  readonly custom: string;
  readonly from: string;
  readonly to: string;
  readonly apply: string;
  readonly clear: string;
  readonly filters: string;
  readonly label: string;
  readonly source: string;
  readonly lang: string;
  readonly hashtag: string;
  readonly search: string;
  readonly any: string;
  readonly labels: Readonly<Record<PostLabel, string>>;
  readonly posts: string;
  readonly negativeShare: string;
  readonly previousPeriod: string;
  readonly vsPrevious: string;
  readonly noPrevious: string;
  readonly negativeOfScored: string;
  readonly chartTitle: Readonly<Record<'minute' | 'hour' | 'day', string>>;
  readonly chartHelp: string;
  readonly bucketsTable: string;
  readonly bucket: string;
  readonly open: string;
  readonly terms: string;
  readonly termsHelp: string;
  readonly term: string;
  readonly change: string;
  readonly rising: string;
  readonly newTerm: string;
  readonly sampled: string;
  readonly postsList: string;
  readonly time: string;
  readonly user: string;
  readonly text: string;
  readonly loadMore: string;
  readonly noPosts: string;
  readonly exportPosts: string;
  readonly exportBuckets: string;
  readonly live: string;
  readonly fixedRange: string;
  readonly updated: string;
  readonly failed: string;
  readonly badParameter: string;
  readonly zone: string;
}

export const DASHBOARD_MESSAGES: Readonly<Record<Locale, DashboardMessages>> = {
  en: {
    title: 'What people post, and how they feel',
    language: 'Language',
    signOut: 'Sign out',
    range: 'Time range',
    presets: {
      '15m': 'Last 15 min',
      '1h': 'Last hour',
      '24h': 'Last 24 h',
      '7d': 'Last 7 days',
      '28d': 'Last 28 days',
    },
    custom: 'Custom',
    from: 'From',
    to: 'To',
    apply: 'Apply',
    clear: 'Clear filters',
    filters: 'Filters',
    label: 'Sentiment',
    source: 'Source',
    lang: 'Post language',
    hashtag: 'Hashtag',
    search: 'Text contains',
    any: 'Any',
    labels: { POSITIVE: 'Positive', NEGATIVE: 'Negative', NEUTRAL: 'Neutral', MIXED: 'Mixed', UNSCORED: 'Unscored' },
    posts: 'Posts',
    negativeShare: 'Negative share',
    previousPeriod: 'Previous period',
    vsPrevious: 'vs previous period',
    noPrevious: 'no posts in the previous period',
    negativeOfScored: '{negative} negative of {scored} scored',
    chartTitle: { minute: 'Posts per minute', hour: 'Posts per hour', day: 'Posts per day' },
    chartHelp: 'Click a bar to read its posts; drag across the chart to zoom.',
    bucketsTable: 'The chart as a table',
    bucket: 'Period',
    open: 'Open',
    terms: 'What people talk about',
    termsHelp: 'Words and phrases of the selection, compared with the previous period of the same length.',
    term: 'Term',
    change: 'Change',
    rising: 'rising',
    newTerm: 'new',
    sampled: 'Counted over the newest posts only.',
    postsList: 'Posts',
    time: 'Time',
    user: 'User',
    text: 'Text',
    loadMore: 'Show more',
    noPosts: 'No posts in this selection.',
    exportPosts: 'Download posts (CSV)',
    exportBuckets: 'Download chart data (CSV)',
    live: 'Live',
    fixedRange: 'Fixed range',
    updated: 'Updated',
    failed: 'Could not load the data',
    badParameter: 'The link has a parameter the dashboard cannot use',
    zone: 'Times in',
  },
  es: {
    title: 'Qué publica la gente y cómo se siente',
    language: 'Idioma',
    signOut: 'Cerrar sesión',
    range: 'Periodo',
    presets: {
      '15m': 'Últimos 15 min',
      '1h': 'Última hora',
      '24h': 'Últimas 24 h',
      '7d': 'Últimos 7 días',
      '28d': 'Últimos 28 días',
    },
    custom: 'Personalizado',
    from: 'Desde',
    to: 'Hasta',
    apply: 'Aplicar',
    clear: 'Quitar filtros',
    filters: 'Filtros',
    label: 'Sentimiento',
    source: 'Fuente',
    lang: 'Idioma del mensaje',
    hashtag: 'Hashtag',
    search: 'El texto contiene',
    any: 'Todos',
    labels: { POSITIVE: 'Positivo', NEGATIVE: 'Negativo', NEUTRAL: 'Neutral', MIXED: 'Mixto', UNSCORED: 'Sin puntuar' },
    posts: 'Mensajes',
    negativeShare: 'Proporción negativa',
    previousPeriod: 'Periodo anterior',
    vsPrevious: 'frente al periodo anterior',
    noPrevious: 'sin mensajes en el periodo anterior',
    negativeOfScored: '{negative} negativos de {scored} puntuados',
    chartTitle: { minute: 'Mensajes por minuto', hour: 'Mensajes por hora', day: 'Mensajes por día' },
    chartHelp: 'Pulse una barra para leer sus mensajes; arrastre sobre el gráfico para ampliar.',
    bucketsTable: 'El gráfico como tabla',
    bucket: 'Intervalo',
    open: 'Abrir',
    terms: 'De qué habla la gente',
    termsHelp: 'Palabras y frases de la selección, comparadas con el periodo anterior de la misma duración.',
    term: 'Término',
    change: 'Cambio',
    rising: 'en alza',
    newTerm: 'nuevo',
    sampled: 'Contado solo sobre los mensajes más recientes.',
    postsList: 'Mensajes',
    time: 'Hora',
    user: 'Usuario',
    text: 'Texto',
    loadMore: 'Ver más',
    noPosts: 'No hay mensajes en esta selección.',
    exportPosts: 'Descargar mensajes (CSV)',
    exportBuckets: 'Descargar datos del gráfico (CSV)',
    live: 'En directo',
    fixedRange: 'Periodo fijo',
    updated: 'Actualizado',
    failed: 'No se pudieron cargar los datos',
    badParameter: 'El enlace tiene un parámetro que el panel no puede usar',
    zone: 'Horas en',
  },
};
