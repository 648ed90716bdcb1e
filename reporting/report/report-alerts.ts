// The alerts raised in a week, read from the alerter's JSON-lines log (ALERT_FILE, .local/alerts.jsonl locally): tolerant of lines it does not know, never of a broken week.
import * as fs from 'node:fs';
import type { TimeRange } from '../posts/post-reader';
import type { ReportAlert } from './week-details';

/**
 * Alerts detected within `range`, oldest first; [] when the file does not exist yet (no alert so far). Lines that are
 * not an alert the report understands (a partial last line, another kind of record) are skipped.
 */
export async function readWeekAlerts(file: string, range: TimeRange): Promise<ReportAlert[]> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const alerts: ReportAlert[] = [];
  for (const line of text.split('\n')) {
    const alert = parseAlertLine(line);
    if (alert !== undefined && alert.detectedAtMs >= range.fromMs && alert.detectedAtMs < range.toMs)
      alerts.push(alert);
  }
  return alerts.sort((a, b) => a.detectedAtMs - b.detectedAtMs);
}

/** One line of the alerts log (reporting/alerts: BurstAlert and the negative-share alert), or undefined. */
export function parseAlertLine(line: string): ReportAlert | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const time = (field: unknown): number => (typeof field === 'string' ? Date.parse(field) : Number.NaN);
  const detectedAtMs = time(v.detectedAt);
  const windowStartMs = time(v.windowStart);
  const windowEndMs = time(v.windowEnd);
  if (typeof v.kind !== 'string' || ![detectedAtMs, windowStartMs, windowEndMs].every(Number.isFinite))
    return undefined;
  if (typeof v.negativePosts !== 'number') return undefined;
  const terms = Array.isArray(v.terms)
    ? v.terms
        .map((t: unknown) => (typeof t === 'string' ? t : (t as { term?: unknown } | null)?.term))
        .filter((t): t is string => typeof t === 'string')
    : [];
  return {
    kind: v.kind,
    detectedAtMs,
    windowStartMs,
    windowEndMs,
    negativePosts: v.negativePosts,
    terms,
    ...(typeof v.dashboardUrl === 'string' ? { dashboardUrl: v.dashboardUrl } : {}),
  };
}
