// Every settings row of README.md against the contract modules: each variable exists, and each default it states is the code's.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SettingsTable, SettingValue } from '../../common/config/setting';
import { REPO_ROOT } from '../../common/repo-root';
import { CONSUMER_SETTINGS } from '../../consumer/config/consumer-settings';
import { MONITOR_SETTINGS } from '../../operator/monitor/monitor-settings';
import { SCALER_SETTINGS } from '../../operator/scaler/scaler-settings';
import { ALERT_SETTINGS } from '../../reporting/alerts/alert-settings';
import { DASHBOARD_SETTINGS } from '../../reporting/dashboard/dashboard-settings';
import { ROLLUP_SETTINGS } from '../../reporting/posts/rollup-settings';
import { REPORT_SETTINGS } from '../../reporting/report/report-settings';

/** Which contract tables a README settings table documents, by the heading it sits under. */
const SECTIONS: readonly { readonly heading: RegExp; readonly tables: readonly SettingsTable[] }[] = [
  { heading: /^## The consumer$/, tables: [CONSUMER_SETTINGS] },
  { heading: /^### Sentiment$/, tables: [CONSUMER_SETTINGS] },
  { heading: /^### Sinks:/, tables: [CONSUMER_SETTINGS] },
  { heading: /^### Shard scaler/, tables: [SCALER_SETTINGS] },
  { heading: /^### Checkpoint monitor/, tables: [MONITOR_SETTINGS] },
  {
    heading: /^## For the people at the end/,
    tables: [DASHBOARD_SETTINGS, ALERT_SETTINGS, REPORT_SETTINGS, ROLLUP_SETTINGS],
  },
];

interface ReadmeRow {
  readonly line: number;
  readonly heading: string;
  readonly variables: readonly string[];
  readonly defaults: readonly string[];
}

const MIB = 1024 * 1024;

/** The rows of every table whose header starts `| variable |` or `| setting |`, with the heading above it. */
function settingsRows(text: string): ReadmeRow[] {
  const rows: ReadmeRow[] = [];
  let heading = '';
  let defaultColumn = -1;
  text.split('\n').forEach((line, index) => {
    if (line.startsWith('#')) heading = line;
    if (!line.startsWith('|')) {
      defaultColumn = -1;
      return;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (/^(variable|setting)$/.test(cells[0] ?? '')) {
      defaultColumn = cells.indexOf('default');
      return;
    }
    if (defaultColumn < 0 || /^-+$/.test(cells[0] ?? '')) return;
    rows.push({
      line: index + 1,
      heading,
      variables: variableNames(cells[0] ?? ''),
      defaults: (cells[defaultColumn] ?? '').split(' / ').map((item) => item.trim()),
    });
  });
  return rows;
}

/** `A_B_C` / `_D` means A_B_C and A_B_D (the longest prefix of the first name that makes a known variable). */
function variableNames(cell: string): string[] {
  const names = [...cell.matchAll(/`([A-Z_][A-Z0-9_<>]*)`/g)].map((m) => m[1] ?? '');
  const first = names[0] ?? '';
  return names.map((name) => {
    if (!name.startsWith('_')) return name;
    const parts = first.split('_');
    for (let keep = parts.length - 1; keep > 0; keep -= 1) {
      const candidate = `${parts.slice(0, keep).join('_')}${name}`;
      if (ALL_VARIABLES.has(candidate)) return candidate;
    }
    return `${first}${name}`;
  });
}

const ALL_VARIABLES = new Set(
  SECTIONS.flatMap((s) => s.tables.flatMap((table) => Object.values(table).map((row) => row.variable))),
);

/** A README default as a value, or undefined when it is prose ("(required)", "—", "= application", a derivation). */
function readmeValue(text: string): SettingValue | undefined {
  const bare = text.replace(/`/g, '').replace(/\s+\(.*\)$/, '');
  if (bare === 'true' || bare === 'false') return bare === 'true';
  const mib = /^(\d+(?:\.\d+)?) MiB$/.exec(bare);
  if (mib !== null) return Number(mib[1]) * MIB;
  if (/^-?\d[\d,]*(\.\d+)?$/.test(bare)) return Number(bare.replace(/,/g, ''));
  if (bare === '' || /\s/.test(bare) || /^[—–-]$/.test(bare) || bare.startsWith('(') || bare.startsWith('='))
    return undefined;
  return bare;
}

describe('README settings tables', () => {
  const rows = settingsRows(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8'));

  it('finds every settings table under a heading the check knows', () => {
    expect(rows.length).to.be.greaterThan(60);
    for (const row of rows)
      expect(
        SECTIONS.some((s) => s.heading.test(row.heading)),
        `README.md:${row.line} sits under "${row.heading}": name its contract in SECTIONS`,
      ).to.equal(true);
  });

  it('names only variables the contract modules define, with the defaults they define', () => {
    const problems: string[] = [];
    for (const row of rows) {
      const tables = SECTIONS.find((s) => s.heading.test(row.heading))?.tables ?? [];
      const paired = row.variables.length === row.defaults.length;
      row.variables.forEach((variable, i) => {
        if (variable.includes('<')) return; // a family such as AWS_ENDPOINT_URL_<SERVICE>
        const settings = tables.flatMap((table) => Object.values(table).filter((s) => s.variable === variable));
        if (settings.length === 0) {
          problems.push(`README.md:${row.line}: ${variable} is not a setting of this tool`);
          return;
        }
        const stated = paired ? readmeValue(row.defaults[i] ?? '') : undefined;
        for (const setting of settings) {
          if (stated === undefined || setting.default === undefined) continue;
          if (setting.default !== stated)
            problems.push(
              `README.md:${row.line}: ${variable} default ${JSON.stringify(stated)}, code ${JSON.stringify(setting.default)}`,
            );
        }
      });
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
