// Text for people and for SNS: lone surrogates replaced, long texts cut between grapheme clusters (never inside an emoji or a surrogate pair).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ELLIPSIS = '…';
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `text` with every unpaired UTF-16 surrogate replaced by U+FFFD, so it encodes to UTF-8 and through
 * `encodeURIComponent` (the SNS query protocol's encoder throws URIError on a lone surrogate).
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * At most `maxGraphemes` user-perceived characters (Intl.Segmenter grapheme clusters: a flag, a skin-toned emoji,
 * a letter with its combining marks count as one), ending in `…` when cut; always well-formed.
 */
export function cutGraphemes(text: string, maxGraphemes: number): string {
  const whole = wellFormed(text);
  if (whole.length <= maxGraphemes) return whole;
  let count = 0;
  let keepEnd = 0;
  for (const { index } of graphemes.segment(whole)) {
    if (count === maxGraphemes - 1) keepEnd = index;
    if (count === maxGraphemes) return `${whole.slice(0, keepEnd).trimEnd()}${ELLIPSIS}`;
    count += 1;
  }
  return whole;
}

/** At most `maxBytes` of UTF-8, cut between grapheme clusters (with `…` when cut); always well-formed. */
export function cutUtf8Bytes(text: string, maxBytes: number): string {
  const whole = wellFormed(text);
  if (Buffer.byteLength(whole) <= maxBytes) return whole;
  const budget = maxBytes - Buffer.byteLength(ELLIPSIS);
  let bytes = 0;
  let end = 0;
  for (const { segment, index } of graphemes.segment(whole)) {
    bytes += Buffer.byteLength(segment);
    if (bytes > budget) break;
    end = index + segment.length;
  }
  return `${whole.slice(0, end)}${ELLIPSIS}`;
}
