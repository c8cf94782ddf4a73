import { analyticsRange, distributionModel, fillDays, formatGrowth, formatPercentile, formatShare, labelledBars, mrrMovementsModel, percentileBand, revenueCurrencies, revenueRange } from './insights';

const month = (m: string, currency: string, v: Partial<Record<'new' | 'expansion' | 'reactivation' | 'contraction' | 'churn' | 'endMrr', string>>) => ({
  month: m,
  currencies: [{ currency, startMrr: '0', endMrr: v.endMrr ?? '0', startArr: '0', endArr: '0', new: v.new ?? '0', expansion: v.expansion ?? '0', contraction: v.contraction ?? '0', churn: v.churn ?? '0', reactivation: v.reactivation ?? '0', payingAtEnd: 0 }],
});

describe('insights formatting', () => {
  it('shows shares and signed growth as percentages', () => {
    expect(formatShare(0.425)).toBe('42.5 %');
    expect(formatShare(1)).toBe('100 %');
    expect(formatShare(null)).toBe('—');
    expect(formatGrowth(12.34)).toBe('+12.3 %');
    expect(formatGrowth(-40)).toBe('−40 %');
    expect(formatGrowth(0)).toBe('0 %');
    expect(formatGrowth(undefined)).toBe('—');
  });

  it('shows percentile ranks as ordinals and places them in a band', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 42, 100].map(formatPercentile)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '42nd', '100th']);
    expect(formatPercentile(99.5)).toBe('99.5th');
    expect(formatPercentile(12.04)).toBe('12th');
    expect(formatPercentile(null)).toBe('—');
    expect([5, 10, 10.5, 49.9, 50, 89, 90].map(percentileBand)).toEqual(['bottom decile', 'bottom decile', 'lower half', 'lower half', 'upper half', 'upper half', 'top decile']);
    expect(percentileBand(null)).toBe('unknown');
  });
});

describe('ranges in the URL', () => {
  const now = new Date('2026-12-01T02:00:00Z');
  it('defaults the analytics range to the last 30 UTC days, keeps what the URL says', () => {
    expect(analyticsRange(new URLSearchParams(), now)).toEqual({ from: '2026-11-02', to: '2026-12-01', plan: '' });
    expect(analyticsRange(new URLSearchParams('to=2026-03-31&plan=growth'), now)).toEqual({ from: '2026-03-02', to: '2026-03-31', plan: 'growth' });
    expect(analyticsRange(new URLSearchParams('from=2026-01-01&to=bad'), now)).toEqual({ from: '2026-01-01', to: 'bad', plan: '' });
  });
  it('defaults the revenue range to the last 12 months', () => {
    expect(revenueRange(new URLSearchParams(), now)).toEqual({ from: '2026-01', to: '2026-12' });
    expect(revenueRange(new URLSearchParams('to=2027-02'), now)).toEqual({ from: '2026-03', to: '2027-02' });
    expect(revenueRange(new URLSearchParams('from=2025-05&to=2025-06'), now)).toEqual({ from: '2025-05', to: '2025-06' });
  });
});

describe('MRR movements chart data', () => {
  it('stacks gains above the zero line and losses below it, oldest month left, with the end MRR on its own scale', () => {
    const model = mrrMovementsModel(
      [month('2027-02', 'EUR', { new: '30.00', expansion: '10.00', churn: '20.00', endMrr: '120.00' }), month('2027-01', 'EUR', { new: '100.00', endMrr: '100.00' }), month('2027-01', 'USD', { new: '999' })].slice(0, 2),
      'EUR',
      { width: 200, height: 100 },
    );
    expect(model.months.map((m) => [m.month, m.net, m.endMrr])).toEqual([
      ['2027-01', 100, 100],
      ['2027-02', 20, 120],
    ]);
    expect(model.gainsMax).toBe(100);
    expect(model.lossesMax).toBe(20);
    const [jan, feb] = model.months;
    // Gains end at the zero line; losses start there and go down; values signed.
    const janNew = jan?.segments[0];
    expect(janNew).toMatchObject({ movement: 'new', value: 100 });
    expect((janNew?.y ?? 0) + (janNew?.height ?? 0)).toBeCloseTo(model.zeroY);
    const [fNew, fExp, fChurn] = feb?.segments ?? [];
    expect((fNew?.y ?? 0) + (fNew?.height ?? 0)).toBeCloseTo(model.zeroY);
    expect((fExp?.y ?? 0) + (fExp?.height ?? 0)).toBeCloseTo(fNew?.y);
    expect(fChurn).toMatchObject({ movement: 'churn', value: -20 });
    expect(fChurn?.y).toBeCloseTo(model.zeroY);
    // Same scale up and down: 100 up is five times the height of 20 down... relative to their own halves.
    expect((janNew?.height ?? 0) / (fChurn?.height ?? 1)).toBeGreaterThan(1);
    expect(feb?.lineY).toBeLessThan(jan?.lineY);
    expect(feb?.lineX).toBeGreaterThan(jan?.lineX);
  });

  it('counts a month without the currency as zero and lists currencies most frequent first', () => {
    const months = [month('2027-01', 'USD', { new: '5' }), month('2027-02', 'EUR', { new: '7' }), month('2027-03', 'EUR', {})];
    expect(revenueCurrencies(months)).toEqual(['EUR', 'USD']);
    const model = mrrMovementsModel(months, 'EUR');
    expect(model.months.map((m) => m.segments.length)).toEqual([0, 1, 0]);
    expect(model.lossesMax).toBe(0);
    expect(mrrMovementsModel([], 'EUR')).toMatchObject({ empty: true, months: [] });
  });
});

describe('labelled bars and distributions', () => {
  it('scales bars to the largest value and keeps their order', () => {
    const model = labelledBars([{ label: '00', value: 10 }, { label: '01', value: 0 }, { label: '02', value: 20 }], { width: 300, height: 105 });
    expect(model.bars.map((b) => b.label)).toEqual(['00', '01', '02']);
    expect(model.bars[2]?.height).toBeCloseTo(100);
    expect(model.bars[0]?.height).toBeCloseTo(50);
    expect(model.bars[1]?.height).toBe(0);
    expect(model.bars[1]?.x).toBeGreaterThan(model.bars[0]?.x);
  });

  it('fills quiet days with zero', () => {
    expect(fillDays([{ day: '2027-01-02', n: 4 }], '2027-01-01', '2027-01-03', (d) => d.n)).toEqual([
      { label: '2027-01-01', value: 0 },
      { label: '2027-01-02', value: 4 },
      { label: '2027-01-03', value: 0 },
    ]);
  });

  it('places p10–p90 whiskers, the p25–p75 box and the median on the scale', () => {
    expect(distributionModel({ count: 5, p10: 10, p25: 25, p50: 50, p75: 75, p90: 90 }, 100, 200)).toEqual({ whisker: [20, 180], box: [50, 150], median: 100 });
    expect(distributionModel({ count: 0 }, 100)).toBeNull();
    expect(distributionModel({ count: 2, p10: 1, p25: null, p50: 2, p75: 3, p90: 4 }, 100)).toBeNull();
  });
});
