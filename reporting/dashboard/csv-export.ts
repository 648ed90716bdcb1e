// Pure: the dashboard's CSV exports (RFC 4180): the selection's posts, and its buckets as a second file.
import { POST_LABELS } from '../posts/post-reader';
import type { DashboardSummary, PostJson } from './dashboard-views';

export const POSTS_CSV_HEADER = [
  'created_at',
  'source',
  'post_id',
  'user',
  'lang',
  'label',
  'score',
  'hashtags',
  'text',
];
export const BUCKETS_CSV_HEADER = ['bucket_start', 'bucket_end', 'posts', ...POST_LABELS.map((l) => l.toLowerCase())];

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe (OWASP "CSV injection"): post text stays text in the file too.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function postCsvLine(post: PostJson): string {
  return csvLine([
    post.createdAt,
    post.source,
    post.postId,
    post.user,
    post.lang,
    post.label,
    post.score === null ? null : Math.round(post.score * 10_000) / 10_000,
    post.hashtags.join(' '),
    post.text,
  ]);
}

export function bucketsCsv(summary: DashboardSummary): string {
  return (
    csvLine(BUCKETS_CSV_HEADER) +
    summary.buckets
      .map((b) =>
        csvLine([
          b.start,
          b.end,
          POST_LABELS.reduce((sum, l) => sum + b.counts[l], 0),
          ...POST_LABELS.map((l) => b.counts[l]),
        ]),
      )
      .join('')
  );
}
