// The shared backoff: doubling from the base, capped, and sane for silly attempt counts.
import { backoffMs } from './backoff';

describe(backoffMs.name, () => {
  const sut = backoffMs;

  it('starts at the base and doubles with each attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => sut(attempt, { baseMs: 100 }))).toEqual([100, 200, 400, 800]);
  });

  it('stops growing at the ceiling', () => {
    expect([5, 6, 7].map((attempt) => sut(attempt, { baseMs: 400, maxMs: 5_000 }))).toEqual([5_000, 5_000, 5_000]);
  });

  it('treats attempts before the first as the first', () => {
    expect(sut(0, { baseMs: 250 })).toBe(250);
  });

  it('stays finite however long an outage lasts', () => {
    expect(sut(10_000, { baseMs: 200 })).toBe(200 * 2 ** 30);
    expect(sut(10_000, { baseMs: 200, maxMs: 30_000 })).toBe(30_000);
  });
});
