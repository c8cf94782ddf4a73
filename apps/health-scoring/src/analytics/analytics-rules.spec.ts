import { featuresOf, growthPercent, ltvOf, midRankPercentiles, monthsBetween, quantile } from './analytics-rules';

describe('analytics rules', () => {
  it('gives mid-rank percentiles: B below plus half of the equal ones, over N', () => {
    expect(midRankPercentiles([10, 20, 30, 40])).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(midRankPercentiles([5])).toEqual([50]);
    expect(midRankPercentiles([7, 7, 1])).toEqual([66.67, 66.67, 16.67]);
    // Ten distinct values: only the lowest (5) is in the bottom decile (≤ 10).
    expect(midRankPercentiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).filter((p) => p <= 10)).toEqual([5]);
  });

  it('interpolates quantiles between closest ranks (percentile_cont)', () => {
    const sorted = [10, 20, 30, 40, 50];
    expect([0.1, 0.25, 0.5, 0.75, 0.9].map((p) => quantile(sorted, p))).toEqual([14, 20, 30, 40, 46]);
    expect(quantile([3], 0.9)).toBe(3);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('reads features as a list or as flags', () => {
    expect(featuresOf({ features: ['sso', 'audit', 'sso'] })).toEqual(['audit', 'sso']);
    expect(featuresOf({ features: { sso: true, audit: false, api: { enabled: true } } })).toEqual(['api', 'sso']);
    expect(featuresOf({ theme: 'dark' })).toEqual([]);
    expect(featuresOf(null)).toEqual([]);
  });

  it('lists the months a range of days touches, and computes growth and LTV', () => {
    expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(growthPercent(150, 100)).toBe(50);
    expect(growthPercent(5, 0)).toBeNull();
    expect(ltvOf(5000, 0.05)).toBe(100000);
    expect(ltvOf(5000, 0)).toBeNull();
  });
});
