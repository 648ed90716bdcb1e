// Axis arithmetic shared by the charts: a "nice" upper bound (1, 2, 5 x 10^n) and evenly spaced ticks.

/** The smallest of 1, 2, 2.5, 5, 10 x 10^n that is >= value (at least 1, so an empty chart still has an axis). */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** `count + 1` values from 0 to max inclusive. */
export function ticks(max: number, count: number): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

/** A tick label without float noise: 2.5 stays 2.5, 3.0000000004 becomes 3. */
export function tickLabel(value: number): string {
  return String(Math.round(value * 100) / 100);
}
