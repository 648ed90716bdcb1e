// The manual's settings tables against the contract modules: generated tables are what the script writes; hand-written rows name real variables with their defaults.
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SettingValue } from '../../../../common/config/setting';
import { REPO_ROOT } from '../../../../common/repo-root';
import { manualFiles } from '../../../../scripts/docs/manual-files';
import {
  ALL_SETTINGS_TABLES,
  SETTINGS_SECTIONS,
  markedTables,
  renderSettingsTable,
  writeSettingsTables,
} from '../../../../scripts/docs/settings-tables';

const FILES = manualFiles(REPO_ROOT).map((file) => ({
  file,
  text: fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'),
}));

interface HandRow {
  readonly where: string;
  readonly variables: readonly string[];
  readonly defaults: readonly string[] | undefined;
}

const MIB = 1024 * 1024;
const ALL_ROWS = ALL_SETTINGS_TABLES.flatMap((table) => Object.values(table));
const ALL_VARIABLES = new Set(ALL_ROWS.map((row) => row.variable));

/** Rows of hand-written tables whose header starts `| variable |` or `| setting |`, outside the generated markers. */
function handRows(file: string, text: string): HandRow[] {
  const rows: HandRow[] = [];
  let generated = false;
  let defaultColumn: number | undefined;
  let inTable = false;
  text.split('\n').forEach((line, index) => {
    if (/<!-- settings:[a-z-]+:begin -->/.test(line)) generated = true;
    if (/<!-- settings:[a-z-]+:end -->/.test(line)) generated = false;
    if (generated || !line.startsWith('|')) {
      inTable = false;
      return;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (/^(variable|setting)$/.test(cells[0] ?? '')) {
      inTable = true;
      const at = cells.indexOf('default');
      defaultColumn = at < 0 ? undefined : at;
      return;
    }
    if (!inTable || /^-+$/.test(cells[0] ?? '')) return;
    rows.push({
      where: `${file}:${index + 1}`,
      variables: variableNames(cells[0] ?? ''),
      defaults:
        defaultColumn === undefined ? undefined : (cells[defaultColumn] ?? '').split(' / ').map((d) => d.trim()),
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

/** A written default as a value, or undefined when it is prose ("(required)", "—", "= application", a derivation). */
function writtenValue(text: string): SettingValue | undefined {
  const bare = text.replace(/`/g, '').replace(/\s+\(.*\)$/, '');
  if (bare === 'true' || bare === 'false') return bare === 'true';
  const mib = /^(\d+(?:\.\d+)?) MiB$/.exec(bare);
  if (mib !== null) return Number(mib[1]) * MIB;
  if (/^-?\d[\d,]*(\.\d+)?$/.test(bare)) return Number(bare.replace(/,/g, ''));
  if (bare === '' || /\s/.test(bare) || /^[—–-]$/.test(bare) || bare.startsWith('(') || bare.startsWith('='))
    return undefined;
  return bare;
}

describe('the manual settings tables', () => {
  it('holds every generated table as `npm run docs:settings` writes it', () => {
    const stale: string[] = [];
    for (const { file, text } of FILES)
      for (const table of markedTables(text))
        if (table.current !== table.expected)
          stale.push(`${file}:${table.line}: settings:${table.name} differs (run npm run docs:settings)`);
    expect(stale, stale.join('\n')).to.deep.equal([]);
  });

  it('shows every contract table somewhere', () => {
    const shown = new Set(FILES.flatMap(({ text }) => markedTables(text).map((t) => t.name)));
    expect([...shown].sort()).to.deep.equal(Object.keys(SETTINGS_SECTIONS).sort());
  });

  it('writes a stale table back from the contract and leaves the prose around it alone', () => {
    const text = 'before\n<!-- settings:scaler:begin -->\n| old |\n<!-- settings:scaler:end -->\nafter\n';
    const written = writeSettingsTables(text);
    expect(written).to.equal(
      `before\n<!-- settings:scaler:begin -->\n${renderSettingsTable('scaler')}\n<!-- settings:scaler:end -->\nafter\n`,
    );
    expect(renderSettingsTable('scaler')).to.include('| `SCALER_MAX_SHARDS` | 64 | upper bound |');
    expect(writeSettingsTables(written)).to.equal(written);
  });

  it('refuses an unknown or unclosed marker', () => {
    expect(() => markedTables('<!-- settings:nope:begin -->\n<!-- settings:nope:end -->')).to.throw(
      /no settings table/,
    );
    expect(() => markedTables('<!-- settings:scaler:begin -->\n| x |\n')).to.throw(/no matching end/);
  });

  it('names only variables the contract modules define, with a default one of them defines, in hand-written tables', () => {
    const problems: string[] = [];
    const rows = FILES.flatMap(({ file, text }) => handRows(file, text));
    for (const row of rows) {
      const paired = row.defaults !== undefined && row.variables.length === row.defaults.length;
      row.variables.forEach((variable, i) => {
        if (variable.includes('<')) return; // a family such as AWS_ENDPOINT_URL_<SERVICE>
        const settings = ALL_ROWS.filter((s) => s.variable === variable);
        if (settings.length === 0) {
          problems.push(`${row.where}: ${variable} is not in any contract module`);
          return;
        }
        const stated = paired ? writtenValue(row.defaults?.[i] ?? '') : undefined;
        if (stated === undefined || settings.every((s) => s.default === undefined)) return;
        if (!settings.some((s) => s.default === stated))
          problems.push(
            `${row.where}: ${variable} default ${JSON.stringify(stated)}, code ${settings.map((s) => JSON.stringify(s.default)).join(' or ')}`,
          );
      });
    }
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
