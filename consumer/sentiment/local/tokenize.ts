// Splits a post into tokens once: words (edge punctuation stripped), emoticons kept whole, each emoji its own token.

export interface Token {
  /** As written, edge punctuation removed ("#Happy!" -> "Happy"); an emoji: its pictographs, ZWJ-joined ("🤦‍♀"). */
  readonly text: string;
  /**
   * Lower case, elongations cut to two letters ("goooood" -> "good"), laughter canonical ("jajaja" -> "jaja"). For an
   * emoji: its base pictograph, skin tone, variation selector and the rest of a ZWJ sequence dropped ("🤦🏽‍♀️" -> "🤦").
   */
  readonly lower: string;
  /** `lower` with every doubled letter of an elongation cut to one ("sooo" -> "so"); undefined when not elongated. */
  readonly squeezed: string | undefined;
  /** All letters upper case ("GREAT"), for caps emphasis. */
  readonly allCaps: boolean;
  readonly emoji: boolean;
  /** Sentence or clause punctuation (. , ; : ! ? or a line break) precedes this token: negation does not reach across. */
  readonly clauseStart: boolean;
}

const CLAUSE_END = /[.,;:!?…\n]/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-f]{1,5});/gi;

/** Social media APIs deliver text HTML-escaped ("&amp;", "&gt;"): decode the XML entities and numeric references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const SEPARATORS = /[,;!?"()[\]{}…]+|\.{2,}/;
const LAUGHTER = /^(?:(?:ha|ja|je|ji|he|hi)h?){2,}[hj]?$/;
const ELONGATION = /(\p{L})\1{2,}/u;

/** Tokens in order; `isEmoticon` keeps whole pieces such as ":-)" or "<3" from being split or stripped. */
export function tokenize(text: string, isEmoticon: (piece: string) => boolean): Token[] {
  const tokens = new TokenList(isEmoticon);
  let start = -1;
  /** End of the last emoji token in `text` (its modifiers and joined pictographs extend it); -1 when a word came since. */
  let emojiEnd = -1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const cp = code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) ?? code) : code;
    const width = cp > 0xffff ? 2 : 1;
    if (isEmojiModifier(cp)) {
      if (start >= 0) tokens.addPiece(text.slice(start, i));
      start = -1;
      if (emojiEnd === i) emojiEnd = i + width;
    } else if (isSpace(cp)) {
      if (start >= 0) tokens.addPiece(text.slice(start, i));
      if (code === 10) tokens.boundary = true;
      start = -1;
      emojiEnd = -1;
    } else if (isEmoji(cp)) {
      if (start >= 0) tokens.addPiece(text.slice(start, i));
      start = -1;
      // A pictograph after a zero-width joiner belongs to the sequence before it ("🤦‍♀", "👨‍👩‍👧"): it is not scored alone.
      if (emojiEnd === i && i > 0 && text.charCodeAt(i - 1) === ZWJ) tokens.extendEmoji(text.slice(i, i + width));
      else tokens.addEmoji(text.slice(i, i + width));
      emojiEnd = i + width;
    } else if (start < 0) {
      start = i;
      emojiEnd = -1;
    }
    i += width - 1;
  }
  if (start >= 0) tokens.addPiece(text.slice(start));
  return tokens.tokens;
}

const ZWJ = 0x200d;

/** Collects tokens and remembers whether clause punctuation came since the last one. */
class TokenList {
  public readonly tokens: Token[] = [];
  public boundary = false;

  public constructor(private readonly isEmoticon: (piece: string) => boolean) {}

  public addEmoji(emoji: string): void {
    this.tokens.push({
      text: emoji,
      lower: emoji,
      squeezed: undefined,
      allCaps: false,
      emoji: true,
      clauseStart: this.takeBoundary(),
    });
  }

  /** Appends a joined pictograph to the last emoji's written form; its base (`lower`) stays the first pictograph. */
  public extendEmoji(joined: string): void {
    const last = this.tokens[this.tokens.length - 1];
    if (last?.emoji === true) this.tokens[this.tokens.length - 1] = { ...last, text: `${last.text}\u200d${joined}` };
  }

  public addPiece(piece: string): void {
    if (piece.length > 1 && this.isEmoticon(piece)) {
      const lower = piece.toLowerCase();
      this.tokens.push({
        text: piece,
        lower,
        squeezed: undefined,
        allCaps: false,
        emoji: false,
        clauseStart: this.takeBoundary(),
      });
      return;
    }
    const parts = SEPARATORS.test(piece) ? piece.split(SEPARATORS) : [piece];
    for (let p = 0; p < parts.length; p += 1) {
      const part = parts[p] as string;
      if (p > 0) this.boundary = true;
      const word = stripEdges(part);
      const at = word.length > 0 ? part.indexOf(word) : part.length;
      if (at > 0 && CLAUSE_END.test(part.slice(0, at))) this.boundary = true;
      if (word.length >= 2) this.tokens.push(wordToken(word, this.takeBoundary()));
      if (at + word.length < part.length && CLAUSE_END.test(part.slice(at + word.length))) this.boundary = true;
    }
  }

  private takeBoundary(): boolean {
    const boundary = this.boundary;
    this.boundary = false;
    return boundary;
  }
}

function wordToken(word: string, clauseStart: boolean): Token {
  let lower = word.toLowerCase();
  if (lower.includes('\u2019')) lower = lower.replace(/\u2019/g, "'");
  const allCaps = lower !== word && word.toUpperCase() === word;
  let squeezed: string | undefined;
  if (LAUGHTER.test(lower)) {
    lower = lower.slice(0, 2).repeat(2);
  } else if (ELONGATION.test(lower)) {
    squeezed = lower.replace(/(\p{L})\1+/gu, '$1');
    lower = lower.replace(/(\p{L})\1{2,}/gu, '$1$1');
  }
  return { text: word, lower, squeezed, allCaps, emoji: false, clauseStart };
}

/** Drops punctuation (ASCII and Spanish/typographic) from both ends; keeps inner apostrophes and hyphens. */
function stripEdges(part: string): string {
  let from = 0;
  let to = part.length;
  while (from < to && isEdgePunctuation(part.charCodeAt(from))) from += 1;
  while (to > from && isEdgePunctuation(part.charCodeAt(to - 1))) to -= 1;
  return from === 0 && to === part.length ? part : part.slice(from, to);
}

function isEdgePunctuation(code: number): boolean {
  if (code < 128) return !((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122));
  return code === 0xa1 || code === 0xbf || code === 0xab || code === 0xbb || (code >= 0x2010 && code <= 0x2027);
}

function isSpace(cp: number): boolean {
  return (
    cp <= 32 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x3000 ||
    (cp >= 0x2000 && cp <= 0x200b) ||
    cp === 0x2028 ||
    cp === 0x2029
  );
}

/** Pictographs, dingbats and symbols that people use as emoji (one token each). */
function isEmoji(cp: number): boolean {
  return (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2190 && cp <= 0x2bff) || cp === 0x3030 || cp === 0x303d;
}

/** Variation selectors, zero-width joiner, skin tones and the keycap mark carry no sentiment of their own. */
function isEmojiModifier(cp: number): boolean {
  return cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff);
}
