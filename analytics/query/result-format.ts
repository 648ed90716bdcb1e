// Prints a query result as an aligned table, CSV (RFC 4180) or JSON (an array of objects), from JSON-safe values.
export type ResultFormat = 'table' | 'csv' | 'json';
export const RESULT_FORMATS: readonly ResultFormat[] = ['table', 'csv', 'json'];

export interface QueryResult {
  readonly columns: readonly string[];
  /** Values as DuckDB's JSON conversion gives them: numbers, strings (big integers too), booleans, null, arrays. */
  readonly rows: readonly (readonly unknown[])[];
}

export function formatResult(result: QueryResult, format: ResultFormat): string {
  if (format === 'json')
    return JSON.stringify(
      result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? null]))),
    );
  const text = result.rows.map((row) => row.map(cellText));
  if (format === 'csv') return [result.columns, ...text].map((line) => line.map(csvCell).join(',')).join('\n');
  const widths = result.columns.map((column, i) =>
    Math.max(column.length, ...text.map((line) => line[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const count = `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`;
  return [line(result.columns), line(widths.map((width) => '-'.repeat(width))), ...text.map(line), count].join('\n');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
