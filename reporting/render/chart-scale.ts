// Axis arithmetic shared by the charts: a "nice" step (1, 2 or 5 x 10^n, at least 1 for counts) and the ticks up to the top of the data.

export interface Axis {
  readonly top: number;
  readonly ticks: readonly number[];
}

/** About `target` steps from 0 to at least `max`, each a round number; an empty chart still gets the axis 0..1. */
export function countAxis(max: number, target = 4): Axis {
  const raw = Math.max(1, max) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  const top = Math.max(step, Math.ceil(Math.max(1, max) / step) * step);
  return { top, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
}

/** A tick label without float noise: 2.5 stays 2.5, 3.0000000004 becomes 3. */
export function tickLabel(value: number): string {
  return String(Math.round(value * 100) / 100);
}
