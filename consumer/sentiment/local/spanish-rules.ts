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

export const SPANISH_RULES: LanguageRules = {
  lang: 'es',
  negators: new Set(NEGATORS),
  nearNegators: new Set(),
  emphaticNegation: { negators: new Set(['nunca', 'jamás', 'jamas']), markers: new Set(['tan', 'tanto', 'tanta']) },
  negationSuffix: undefined,
  boosters: boosterMap(INTENSIFIERS, DAMPENERS),
  contrast: new Set(['pero', 'sino']),
  idioms: new Map(),
  notSentiment: new Set(NOT_SENTIMENT),
};
