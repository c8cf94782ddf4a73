/** The pure rules of analytics: features of a configuration, months of a range, percentiles, churn and LTV. */

/** The plan usage is counted under when its tenant's creation has not been seen yet. */
export const UNKNOWN_PLAN = 'unknown';

/**
 * The features enabled in a tenant configuration (`TenantConfigChanged.configuration.features`):
 * an array of names, or an object whose values are `true` or `{ enabled: true }`. Sorted, distinct.
 */
export function featuresOf(configuration: unknown): string[] {
  const features = (configuration as { features?: unknown } | null | undefined)?.features;
  let names: string[] = [];
  if (Array.isArray(features)) names = features.filter((f): f is string => typeof f === 'string' && f.length > 0);
  else if (features && typeof features === 'object') {
    names = Object.entries(features as Record<string, unknown>)
      .filter(([, v]) => v === true || (typeof v === 'object' && v !== null && (v as { enabled?: unknown }).enabled === true))
      .map(([k]) => k);
  }
  return [...new Set(names)].sort();
}

export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

/** The months (YYYY-MM) the days `from`…`to` (YYYY-MM-DD) touch. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const lastYear = Number(to.slice(0, 4));
  const lastMonth = Number(to.slice(5, 7));
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return months;
}

/** Days from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Mid-rank percentile of each value among `values` (its peers, itself included):
 * P = 100 × (B + E / 2) ÷ N, with B the values strictly below it, E the values equal to it (itself
 * included) and N all of them; rounded to 2 decimals. A sole tenant is at 50; ties share one percentile.
 */
export function midRankPercentiles(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const below = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const atOrBelow = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => {
    const b = below(v);
    const e = atOrBelow(v) - b;
    return round((100 * (b + e / 2)) / n, 2);
  });
}

/**
 * The p-quantile (0–1) of ascending `sorted` by linear interpolation between closest ranks
 * (Hyndman–Fan type 7, PostgreSQL's percentile_cont, Excel's PERCENTILE.INC):
 * h = (N − 1) × p, value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]); null without values; 2 decimals.
 */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return round((sorted[lower] as number) + (h - lower) * ((sorted[upper] as number) - (sorted[lower] as number)), 2);
}

/** Growth in % from `previous` to `current`, 2 decimals; null when `previous` is 0. */
export function growthPercent(current: number, previous: number): number | null {
  return previous === 0 ? null : round((100 * (current - previous)) / previous, 2);
}

/** The bottom decile: a percentile of 10 or less. */
export const BOTTOM_DECILE = 10;

export const LTV_METHOD =
  'LTV = average MRR ÷ monthly churn rate, per currency. Average MRR = the invoiced amounts (not voided) whose period starts in the months of the range ÷ the number of (tenant, month) pairs with such an invoice. ' +
  'Monthly churn rate = Σ over the months of the tenants activated before the month, not churned before it, that churned in it ÷ Σ of those activated before and not churned before (churned = became inactive, started offboarding or was deleted). ' +
  'When the churn rate is 0 (no churn) or unknown (no tenant active at the start of any month), LTV is unbounded and answered as null.';

export function ltvOf(averageMrr: number, monthlyChurnRate: number | null): number | null {
  return monthlyChurnRate === null || monthlyChurnRate === 0 ? null : Math.round(averageMrr / monthlyChurnRate);
}

export { round };
