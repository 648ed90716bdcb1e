// Reads typed settings from one source (overrides over environment over defaults), collecting every problem before failing.
import { ConfigError } from '../errors';

export type Source = Readonly<Record<string, string | undefined>>;

/** Reads each named setting once; `finish()` throws one ConfigError listing every problem found. */
export class ConfigReader {
  private readonly problems: string[] = [];

  public constructor(
    private readonly subject: string,
    private readonly sources: readonly Source[],
  ) {}

  /** The raw value of `name` from the first source that sets it (empty strings count as unset). */
  public raw(name: string): string | undefined {
    for (const source of this.sources) {
      const value = source[name];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  }

  public string(name: string, fallback: string): string;
  public string(name: string): string | undefined;
  public string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  public required(name: string): string {
    const value = this.raw(name);
    if (value === undefined) this.problems.push(`${name} is required`);
    return value ?? '';
  }

  public integer(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      this.problems.push(`${name} must be an integer, got "${text}"`);
      return fallback;
    }
    return this.checkRange(name, value, range);
  }

  public number(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value)) {
      this.problems.push(`${name} must be a number, got "${text}"`);
      return fallback;
    }
    return this.checkRange(name, value, range);
  }

  public boolean(name: string, fallback: boolean): boolean {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if (/^(true|1|yes)$/i.test(text)) return true;
    if (/^(false|0|no)$/i.test(text)) return false;
    this.problems.push(`${name} must be true or false, got "${text}"`);
    return fallback;
  }

  public oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.raw(name);
    if (text === undefined) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
    return fallback;
  }

  /** Records a problem found by a cross-field check. */
  public problem(message: string): void {
    this.problems.push(message);
  }

  /** Throws one ConfigError listing every problem, or returns `value` frozen. */
  public finish<T extends object>(value: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.subject, this.problems);
    return Object.freeze(value);
  }

  private checkRange(name: string, value: number, range: { min?: number; max?: number }): number {
    if (range.min !== undefined && value < range.min)
      this.problems.push(`${name} must be >= ${range.min}, got ${value}`);
    if (range.max !== undefined && value > range.max)
      this.problems.push(`${name} must be <= ${range.max}, got ${value}`);
    return value;
  }
}
