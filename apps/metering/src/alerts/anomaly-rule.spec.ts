import { HourlyBaseline } from './alert.row';
import { isUnusual } from './anomaly-rule';

const HOUR: HourlyBaseline = { tenantId: 't', metric: 'api_calls', hourStart: new Date('2026-03-01T10:00:00Z'), observed: 1_000, mean: 100, stdDev: 10, median: 100, hasDayOfHistory: true };

describe(isUnusual.name, () => {
  it('calls an hour unusual when it clears 4 σ, 3 × the median and the minimum volume, with a day of history', () => {
    expect(isUnusual(HOUR, 100)).toBe(true);
  });

  it.each([
    ['at most mean + 4 σ', { observed: 140 }],
    ['at most 3 × the median', { observed: 300, stdDev: 1 }],
    ['below the minimum volume', { observed: 99, mean: 1, stdDev: 1, median: 1 }],
    ['without a day of history', { hasDayOfHistory: false }],
    ['steady (σ = 0, observed = mean)', { observed: 100, stdDev: 0 }],
  ])('is quiet when %s', (_case, change) => {
    expect(isUnusual({ ...HOUR, ...change }, 100)).toBe(false);
  });

  it('fires right at the minimum volume', () => {
    expect(isUnusual({ ...HOUR, observed: 100, mean: 1, stdDev: 1, median: 1 }, 100)).toBe(true);
  });
});
