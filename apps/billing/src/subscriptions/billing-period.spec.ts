import { daysFrom, daysInPeriod, periodEndOf, periodStartOf } from './billing-period';

describe('billing periods', () => {
  it('are UTC calendar months', () => {
    expect(periodStartOf(new Date('2026-02-14T23:59:59.999Z'))).toEqual(new Date('2026-02-01T00:00:00.000Z'));
    expect(periodEndOf(new Date('2026-12-01T00:00:00.000Z'))).toEqual(new Date('2027-01-01T00:00:00.000Z'));
    expect(daysInPeriod(new Date('2026-02-01T00:00:00.000Z'))).toBe(28);
    expect(daysInPeriod(new Date('2028-02-01T00:00:00.000Z'))).toBe(29);
    expect(daysInPeriod(new Date('2026-03-01T00:00:00.000Z'))).toBe(31);
  });

  it('count the prorated days from the start day inclusive', () => {
    const april = new Date('2026-04-01T00:00:00.000Z');
    expect(daysFrom(april, new Date('2026-04-14T18:00:00.000Z'))).toBe(17); // 30 − 14 + 1
    expect(daysFrom(april, new Date('2026-04-01T00:00:00.000Z'))).toBe(30);
    expect(daysFrom(april, new Date('2026-03-20T00:00:00.000Z'))).toBe(30);
    expect(daysFrom(april, new Date('2026-04-30T23:00:00.000Z'))).toBe(1);
    expect(daysFrom(april, new Date('2026-05-01T00:00:00.000Z'))).toBe(0);
  });
});
