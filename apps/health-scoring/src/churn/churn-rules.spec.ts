import { churnReasons, riskOf } from './churn-rules';

const now = new Date('2026-06-30T12:00:00.000Z');
const steady = { overall: 80, band: 'green' as const, peakLast30Days: 84, apiCalls: { current: 1000, previous: 1000 }, failedPayments: 0, redSince: null, now };

describe('churn rules', () => {
  it('raises nothing for a steady tenant', () => {
    expect([...churnReasons(steady).keys()]).toEqual([]);
  });

  it('raises a drop of 15 points from the 30-day peak, not 14', () => {
    expect(churnReasons({ ...steady, overall: 69 }).get('score-drop')).toBe('Health score fell 15 points within 30 days (from 84 to 69)');
    expect(churnReasons({ ...steady, overall: 70 }).has('score-drop')).toBe(false);
  });

  it('raises a usage decline of 40 % or more', () => {
    expect(churnReasons({ ...steady, apiCalls: { current: 600, previous: 1000 } }).get('usage-decline')).toBe('API calls down 40 % against the previous 30 days (600 against 1000)');
    expect(churnReasons({ ...steady, apiCalls: { current: 601, previous: 1000 } }).has('usage-decline')).toBe(false);
  });

  it('raises two failed payments and 7 days in red', () => {
    expect(churnReasons({ ...steady, failedPayments: 2 }).get('payment-failures')).toBe('2 failed payments on unpaid invoices');
    const red = { ...steady, overall: 40, peakLast30Days: 40, band: 'red' as const };
    expect(churnReasons({ ...red, redSince: new Date('2026-06-23T12:00:00.000Z') }).get('red-7-days')).toBe('Red since 2026-06-23 (7 days)');
    expect(churnReasons({ ...red, redSince: new Date('2026-06-23T12:00:01.000Z') }).has('red-7-days')).toBe(false);
  });

  it('is high risk with two reasons at once', () => {
    expect([riskOf(1), riskOf(2)]).toEqual(['medium', 'high']);
  });
});
