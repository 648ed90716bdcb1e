// Spanish negators, intensifiers and contrast words (grammar, written for this analyzer), and AFINN-es entries that are function words.
import { boosterMap, type LanguageRules } from './language-rules';

const NEGATORS = [
  'no', 'nunca', 'jamás', 'jamas', 'ni', 'tampoco', 'nada', 'nadie', 'ningún', 'ningun', 'ninguno', 'ninguna', 'sin',
];

const INTENSIFIERS = [
  'muy', 'mucho', 'mucha', 'muchos', 'muchas', 'muchísimo', 'muchisimo', 'muchísima', 'muchisima', 'tan', 'tanto',
  'tanta', 'súper', 'super', 're', 'requete', 'demasiado', 'demasiada', 'bastante', 'realmente', 'totalmente',
  'completamente', 'absolutamente', 'increíblemente', 'increiblemente', 'sumamente', 'extremadamente', 'enormemente',
  'verdaderamente', 'especialmente', 'profundamente', 'altamente', 'tremendamente', 'mega', 'más', 'mas', 'tremendo', 'tremenda',
];

const DAMPENERS = [
  'poco', 'poca', 'algo', 'apenas', 'casi', 'ligeramente', 'levemente', 'medio', 'relativamente', 'parcialmente', 'menos',
];

/**
 * AFINN-es is a machine translation of AFINN: a few entries are Spanish function words whose English source carried
 * the sentiment ("solo" <- "lonely", "tipo" <- "dude", "late" (beats) <- "late"), and "no"/"sí" are handled as grammar.
 */
const NOT_SENTIMENT = ['no', 'sí', 'si', 'solo', 'sólo', 'tipo', 'late', 'ora', 'dios', 'moda'];

/**
 * Ours (issue 13): colloquial Spanish (Spain and Latin America) whose words alone miss or invert the sense, on VADER's
 * -4..4 scale. Accent-free spellings are listed too, as posts often drop accents.
 */
const IDIOMS: ReadonlyArray<readonly [string, number]> = [
  ['qué asco', -2.8], ['que asco', -2.8], ['me parece fatal', -2.5], ['ni de broma', -2], ['ni de coña', -2], ['ni loco', -1.5],
  ['ni loca', -1.5], ['ni en sueños', -1.5], ['ni en suenos', -1.5], ['ni de chiste', -2], ['qué vergüenza', -2.5],
  ['que verguenza', -2.5], ['vaya tela', -1.8], ['hasta las narices', -2.5], ['hasta el moño', -2.5], ['hasta el gorro', -2.5],
  ['de pena', -2.2], ['da pena', -2], ['qué pena', -2], ['que pena', -2], ['tomadura de pelo', -2.5], ['pérdida de tiempo', -2],
  ['perdida de tiempo', -2], ['un rollo', -1.5], ['qué rollo', -1.5], ['que rollo', -1.5], ['qué mal', -2], ['que mal', -2],
  ['una pasada', 2.5], ['qué pasada', 2.5], ['que pasada', 2.5], ['de lujo', 2.5], ['de maravilla', 2.8], ['da gusto', 2.2],
  ['vale la pena', 2], ['qué bien', 2.2], ['que bien', 2.2], ['qué chulo', 2.2], ['que chulo', 2.2], ['ni fu ni fa', -0.5],
  ['me da igual', -0.3], ['no pasa nada', 0.5],
  // Ours (issue 13): eagerness, as English "can't wait" (VADER's "eager", 1.5).
  ['no veo la hora', 1.5], ['estoy deseando', 1.5], ['con muchas ganas', 1.5],
];

export const SPANISH_RULES: LanguageRules = {
  lang: 'es',
  negators: new Set(NEGATORS),
  nearNegators: new Set(),
  emphaticNegation: [{ negators: new Set(['nunca', 'jamás', 'jamas']), markers: new Set(['tan', 'tanto', 'tanta']) }],
  negationSuffix: undefined,
  boosters: boosterMap(INTENSIFIERS, DAMPENERS),
  degreeWords: new Set(),
  contrast: new Set(['pero', 'sino']),
  clauseJoiners: new Set(['pero', 'sino', 'aunque', 'mientras', 'ni']),
  idioms: new Map(IDIOMS),
  notSentiment: new Set(NOT_SENTIMENT),
  supplement: new Map(),
  interjections: new Map(),
  comparativeNegation: {
    negators: new Set(['nunca', 'jamás', 'jamas', 'nada', 'nadie', 'ningún', 'ningun', 'ninguno', 'ninguna']), markers: new Set(['más', 'mas']),
  },
  sarcasm: { interjections: new Set(['oh', 'ay', 'vaya', 'uy']), markers: new Set(['🙄', '🙃', 'sarcasmo', 'ironía', 'ironia']) },
  expectation: {
    frames: new Set(['prometieron', 'prometió', 'prometio', 'prometido', 'prometen', 'promesa', 'suponía', 'suponia', 'esperábamos', 'esperabamos', 'esperaba']),
    denials: new Set(['nada', 'nunca', 'todavía', 'todavia', 'aún', 'aun', 'seguimos', 'sigue', 'siguen', 'ni', 'no', 'sin']),
  },
};
