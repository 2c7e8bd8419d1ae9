/** Nearest-rank percentile of already sorted numbers (p in 0..100); NaN for no samples. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** a / b, NaN when b is 0 or either side is missing. */
export function ratio(a: number, b: number): number {
  return b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? Number.NaN : a / b;
}

/** Rounds for display and JSON: 3 significant decimals below 10, fewer above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(value.toFixed(digits));
}

/** Median of each numeric field over rounds of the same measurement (the figure we report). */
export function medianOfRounds<K extends string>(
  rounds: ReadonlyArray<Record<K, number>>,
): Record<K, number> {
  const first = rounds[0];
  if (!first) throw new Error('no rounds to summarize');
  const out = {} as Record<K, number>;
  for (const key of Object.keys(first) as K[]) out[key] = round(median(rounds.map((r) => r[key])));
  return out;
}
