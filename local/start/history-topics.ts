// The topics of the backfilled history: what people talk about, in English and Spanish, and how each rises and falls over the four weeks.
import type { Sentiment } from '../../producer/samples/tweet-phrases';

export interface HistoryTopic {
  readonly name: string;
  readonly sentiment: Sentiment;
  readonly texts: Readonly<Record<'en' | 'es', readonly string[]>>;
  /** Share of the day's posts on this topic, by position in the history (0 first day, 1 today). */
  weight(progress: number): number;
}

/** A bell over the history: `peak` at its centre, `width` its spread. */
const bell =
  (centre: number, width: number, peak: number) =>
  (progress: number): number =>
    peak * Math.exp(-(((progress - centre) / width) ** 2));

export const HISTORY_TOPICS: readonly HistoryTopic[] = [
  {
    // Rises through the last two weeks: the new camera fines.
    name: 'fines',
    sentiment: 'negative',
    weight: (p) => 0.02 + 0.2 * Math.max(0, p - 0.45),
    texts: {
      en: [
        'Another camera fine from the low emission zone, this is an unfair tax on workers',
        'The new camera fines are a scam, terrible way to treat people',
      ],
      es: [
        'Otra multa de las cámaras de la zona de bajas emisiones, un impuesto injusto para los trabajadores',
        'Las nuevas multas de las cámaras son un robo, una vergüenza',
        'Me han puesto una multa de cámara por entrar a recoger a mi madre, es indignante',
      ],
    },
  },
  {
    // Peaks in the second week, then fades: the metro works.
    name: 'metro works',
    sentiment: 'negative',
    weight: bell(0.35, 0.15, 0.16),
    texts: {
      en: ['Metro line closed for works again, the replacement buses are a terrible mess'],
      es: [
        'Obras en el metro otra vez, los autobuses sustitutos son un caos horrible',
        'Con las obras del metro y la ZBE llegar al trabajo es un infierno',
      ],
    },
  },
  {
    // Grows steadily: the new bike lanes.
    name: 'bike lanes',
    sentiment: 'positive',
    weight: (p) => 0.03 + 0.1 * p,
    texts: {
      en: ['The new bike lanes are great, riding to work is safe and pleasant now'],
      es: [
        'Los nuevos carriles bici son geniales, ir en bici al trabajo es seguro y agradable',
        'Me encanta el nuevo carril bici de Atocha, una maravilla',
      ],
    },
  },
  {
    // A spike around the publication of the air quality figures (the end of the first week).
    name: 'air quality report',
    sentiment: 'positive',
    weight: bell(0.22, 0.05, 0.25),
    texts: {
      en: ['Great news: the air quality report shows pollution down a lot since the zone started'],
      es: [
        'Buenas noticias: el informe de calidad del aire muestra mucha menos contaminación desde la ZBE',
        'Excelente el informe de calidad del aire, la contaminación baja por fin',
      ],
    },
  },
];
