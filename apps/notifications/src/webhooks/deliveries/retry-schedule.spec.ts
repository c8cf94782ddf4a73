import { MAX_ATTEMPTS, nextAttemptAt } from './retry-schedule';

describe('webhook retry schedule', () => {
  const at = new Date('2026-05-01T00:00:00.000Z');
  const after = (failures: number, random: number) => nextAttemptAt(failures, at, () => random)?.getTime();

  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up (eight attempts)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((failures) => (after(failures, 0) ?? 0) - at.getTime());
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(nextAttemptAt(8, at)).toBeUndefined();
  });

  it('adds up to 10 % jitter', () => {
    expect((after(2, 0.999) ?? 0) - at.getTime()).toBe(329_970);
  });
});
