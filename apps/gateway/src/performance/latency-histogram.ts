/**
 * Latencies in a fixed set of buckets growing by 10 % from 1 ms to about 2 minutes: constant memory
 * whatever the traffic, and a p95 within 10 % (reported as the upper bound of its bucket, never
 * below the true value).
 */
const GROWTH = 1.1;
const BOUNDS: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let bound = 1; bound < 120_000; bound *= GROWTH) bounds.push(bound);
  bounds.push(120_000);
  return bounds;
})();

export class LatencyHistogram {
  /** counts[i] for latencies in (BOUNDS[i-1], BOUNDS[i]]; the last slot for anything slower. */
  private readonly counts = new Uint32Array(BOUNDS.length + 1);
  private total = 0;
  private max = 0;

  record(ms: number): void {
    const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
    let low = 0;
    let high = BOUNDS.length;
    // First bound >= value; BOUNDS.length when it is above every bound.
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((BOUNDS[mid] as number) >= value) high = mid;
      else low = mid + 1;
    }
    this.counts[low] = (this.counts[low] as number) + 1;
    this.total += 1;
    if (value > this.max) this.max = value;
  }

  get count(): number {
    return this.total;
  }

  /** The q-quantile (0 < q ≤ 1) in ms, as its bucket's upper bound capped at the slowest seen; 0 when empty. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.ceil(q * this.total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) return Math.min(BOUNDS[i] ?? this.max, this.max);
    }
    return this.max;
  }
}
