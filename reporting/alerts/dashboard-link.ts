// The link an alert carries: the dashboard filtered to the alert's window and to NEGATIVE posts (?from=&to=&label=).

const MINUTE_MS = 60_000;

/**
 * `base` (DASHBOARD_PUBLIC_URL, or the local dashboard) with `from` and `to` as ISO 8601 UTC instants and
 * `label=NEGATIVE`, the dashboard's URL state (issue 22). The range is widened to whole minutes, [first post's
 * minute, the minute after the last post's), so the chart's buckets show the window whole.
 */
export function dashboardLink(base: string, range: { readonly fromMs: number; readonly toMs: number }): string {
  const url = new URL(base);
  const fromMs = Math.floor(range.fromMs / MINUTE_MS) * MINUTE_MS;
  const toMs = Math.floor(range.toMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  url.searchParams.set('from', new Date(fromMs).toISOString());
  url.searchParams.set('to', new Date(toMs).toISOString());
  url.searchParams.set('label', 'NEGATIVE');
  return url.toString();
}
