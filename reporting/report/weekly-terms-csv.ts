// Pure: the week's top terms as CSV (RFC 4180), the mail's second attachment: machine-readable numbers whatever the report's language.
import type { RankedTerm } from '../terms/rank-terms';

const HEADER = ['term', 'posts', 'negative_posts', 'negative_share', 'previous_week_posts', 'change', 'rising'];

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(Math.round(value * 10_000) / 10_000) : String(value);
  // A leading = + - @ would be read as a formula by spreadsheets: terms come from the public's posts.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderTermsCsv(terms: readonly RankedTerm[]): string {
  const rows = terms.map((t) => [t.term, t.posts, t.negative, t.negativeShare, t.previousPosts, t.change, t.rising]);
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
