// The manual's settings tables, rendered from the contract modules and written between `<!-- settings:<name>:begin/end -->` markers.
import { AWS_SETTINGS } from '../../common/aws/aws-settings';
import type { Setting, SettingsTable, SettingValue } from '../../common/config/setting';
import { METRICS_SETTINGS } from '../../common/metrics/metrics-config';
import { PG_SETTINGS } from '../../common/pg/pg-connection';
import { COLLECTOR_SETTINGS } from '../../collector/collector-settings';
import { CONSUMER_SETTINGS } from '../../consumer/config/consumer-settings';
import { MONITOR_SETTINGS } from '../../operator/monitor/monitor-settings';
import { SCALER_SETTINGS } from '../../operator/scaler/scaler-settings';
import { ALERT_SETTINGS } from '../../reporting/alerts/alert-settings';
import { DASHBOARD_SETTINGS } from '../../reporting/dashboard/dashboard-settings';
import { POSTS_SOURCE_SETTINGS } from '../../reporting/posts/posts-settings';
import { ROLLUP_SETTINGS } from '../../reporting/posts/rollup-settings';
import { REPORT_SETTINGS } from '../../reporting/report/report-settings';

/** One generated table: the rows of `table` that pass `include`, minus the rows it shares unchanged with `shared`. */
interface TableSection {
  readonly table: SettingsTable;
  readonly include?: (key: string) => boolean;
  /** Tables documented on their own: a row equal to one of theirs (same variable, default and doc) is left out here. */
  readonly shared?: readonly SettingsTable[];
}

const SINK_KEY = /^(archive|curated|redshift|sinkRetry)/;
const SENTIMENT_KEY = /^sentiment/;

/**
 * Every table the manual holds, by marker name. The consumer's one contract is shown in three parts (the processor,
 * the sinks, sentiment) in the chapters that explain them; the AWS and warehouse-connection rows every tool shares
 * are shown once each (`aws`, `posts`).
 */
export const SETTINGS_SECTIONS: Readonly<Record<string, TableSection>> = {
  consumer: {
    table: CONSUMER_SETTINGS,
    include: (key) => !SINK_KEY.test(key) && !SENTIMENT_KEY.test(key),
    shared: [AWS_SETTINGS],
  },
  sinks: { table: CONSUMER_SETTINGS, include: (key) => SINK_KEY.test(key) },
  sentiment: { table: CONSUMER_SETTINGS, include: (key) => SENTIMENT_KEY.test(key) },
  aws: { table: AWS_SETTINGS },
  scaler: { table: SCALER_SETTINGS, shared: [AWS_SETTINGS] },
  monitor: { table: MONITOR_SETTINGS, shared: [AWS_SETTINGS] },
  collector: { table: COLLECTOR_SETTINGS, shared: [AWS_SETTINGS] },
  posts: { table: POSTS_SOURCE_SETTINGS, shared: [AWS_SETTINGS] },
  dashboard: { table: DASHBOARD_SETTINGS, shared: [AWS_SETTINGS, POSTS_SOURCE_SETTINGS] },
  alert: { table: ALERT_SETTINGS, shared: [AWS_SETTINGS, POSTS_SOURCE_SETTINGS] },
  report: { table: REPORT_SETTINGS, shared: [AWS_SETTINGS, POSTS_SOURCE_SETTINGS] },
  rollups: { table: ROLLUP_SETTINGS, shared: [POSTS_SOURCE_SETTINGS] },
};

/** Every contract table, for checking hand-written rows (a variable may have a different default in each). */
export const ALL_SETTINGS_TABLES: readonly SettingsTable[] = [
  CONSUMER_SETTINGS,
  AWS_SETTINGS,
  METRICS_SETTINGS,
  PG_SETTINGS,
  SCALER_SETTINGS,
  MONITOR_SETTINGS,
  COLLECTOR_SETTINGS,
  POSTS_SOURCE_SETTINGS,
  DASHBOARD_SETTINGS,
  ALERT_SETTINGS,
  REPORT_SETTINGS,
  ROLLUP_SETTINGS,
];

const sameSetting = (a: Setting, b: Setting): boolean =>
  a.variable === b.variable && a.default === b.default && a.doc === b.doc;

/** A default as the manual prints it: strings in code font, numbers and booleans bare, none as empty. */
function defaultText(value: SettingValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? `\`${value}\`` : String(value);
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rows of one section, in the contract's order, each variable once. */
export function sectionRows(name: string): Setting[] {
  const section = SETTINGS_SECTIONS[name];
  if (section === undefined) throw new RangeError(`no settings table "${name}"`);
  const seen = new Set<string>();
  const rows: Setting[] = [];
  for (const [key, row] of Object.entries(section.table)) {
    if (section.include !== undefined && !section.include(key)) continue;
    if ((section.shared ?? []).some((shared) => Object.values(shared).some((s) => sameSetting(s, row)))) continue;
    if (seen.has(row.variable)) continue;
    seen.add(row.variable);
    rows.push(row);
  }
  return rows;
}

/** The Markdown table of one section: `| variable | default | meaning |`, one row per variable. */
export function renderSettingsTable(name: string): string {
  const lines = ['| variable | default | meaning |', '|---|---|---|'];
  for (const row of sectionRows(name))
    lines.push(`| \`${row.variable}\` | ${cell(defaultText(row.default))} | ${cell(row.doc)} |`);
  return lines.join('\n');
}

const MARKER = /<!-- settings:([a-z-]+):begin -->\n([\s\S]*?)<!-- settings:([a-z-]+):end -->/g;

export interface MarkedTable {
  readonly name: string;
  /** 1-based line of the begin marker. */
  readonly line: number;
  readonly current: string;
  readonly expected: string;
}

/** Every marked table of a Markdown text with what is there and what the contracts say; throws on a malformed or unknown marker. */
export function markedTables(text: string): MarkedTable[] {
  const found: MarkedTable[] = [];
  for (const match of text.matchAll(MARKER)) {
    const [, name = '', body = '', endName = ''] = match;
    const line = text.slice(0, match.index).split('\n').length;
    if (name !== endName)
      throw new RangeError(`line ${line}: settings:${name}:begin closed by settings:${endName}:end`);
    if (SETTINGS_SECTIONS[name] === undefined) throw new RangeError(`line ${line}: no settings table "${name}"`);
    found.push({ name, line, current: body.trimEnd(), expected: renderSettingsTable(name) });
  }
  const begins = text.match(/<!-- settings:[a-z-]+:begin -->/g)?.length ?? 0;
  if (begins !== found.length) throw new RangeError('a settings:<name>:begin marker has no matching end');
  return found;
}

/** The text with every marked table replaced by what the contracts say. */
export function writeSettingsTables(text: string): string {
  markedTables(text); // reports a malformed marker before anything is written
  return text.replace(
    MARKER,
    (_all, name: string) =>
      `<!-- settings:${name}:begin -->\n${renderSettingsTable(name)}\n<!-- settings:${name}:end -->`,
  );
}
