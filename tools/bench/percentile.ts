/** The benchmarks' latency percentiles (nearest rank). */

/** The value at percentile `p` (0–100) of `sorted` (ascending); NaN when there is none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}
