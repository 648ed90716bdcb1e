// The shape of one row of a settings table (variable, default, meaning) and the one writer that turns rows into an environment.

/** A value a setting takes; written to the environment as its string form. */
export type SettingValue = string | number | boolean;

/** One environment variable of a process boundary: the name both ends use, its default, what it means. */
export interface Setting {
  readonly variable: string;
  /** Absent: required, optional, or derived from other settings (`doc` says which). */
  readonly default?: SettingValue;
  readonly doc: string;
}

export type SettingsTable = Readonly<Record<string, Setting>>;

/** The value type a writer may give a row: that of its default (a number, a boolean or a string), any without one. */
export type ValueOf<S extends Setting> = S extends { readonly default: number }
  ? number
  : S extends { readonly default: boolean }
    ? boolean
    : S extends { readonly default: string }
      ? string
      : SettingValue;

/** Values keyed by the table's row keys (never by variable name): the compiler checks every name a writer uses. */
export type SettingsValues<T extends SettingsTable> = { readonly [K in keyof T]?: ValueOf<T[K]> };

/** The environment for a child process: each given row's variable set to the value's string form; undefined rows are left out. */
export function settingsEnv<T extends SettingsTable>(table: T, values: SettingsValues<T>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(values) as [keyof T & string, SettingValue | undefined][]) {
    const row = table[key];
    if (row === undefined) throw new RangeError(`no setting "${key}"`);
    if (value !== undefined) env[row.variable] = String(value);
  }
  return env;
}

/** Flag values as a ConfigReader source: raw text (checked by the reader) under each given row's variable. */
export function settingsText<T extends SettingsTable>(
  table: T,
  values: { readonly [K in keyof T]?: string | undefined },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(values) as [keyof T & string, string | undefined][]) {
    const row = table[key];
    if (row === undefined) throw new RangeError(`no setting "${key}"`);
    if (value !== undefined) env[row.variable] = value;
  }
  return env;
}
