// X's `text` escapes three characters as HTML entities; the edge turns them back so every later reader sees the post as written.

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Unescapes `&amp;`, `&lt;` and `&gt;`, the only entities X puts in a post's text (X API: "Tweet object", `text`:
 * "&, <, > are HTML-escaped"), in one pass, so `&amp;lt;` becomes `&lt;` as written. Any other `&...;` is the author's.
 */
export function unescapeXText(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}
