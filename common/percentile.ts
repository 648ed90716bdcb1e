// Nearest-rank percentiles, the one definition every report and the scaler's sizing use.

/**
 * Nearest-rank percentile of values already sorted ascending: the value at rank ceil(q * n) (1-based).
 * `q` is a fraction in 0..1 (0.95 for p95); 0 for no values.
 */
export function percentileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Nearest-rank percentile of values in any order (sorts a copy); `q` in 0..1; 0 for no values. */
export function percentile(values: readonly number[], q: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    q,
  );
}
