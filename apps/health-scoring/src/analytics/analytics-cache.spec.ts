import { ManualClock } from '@tenantry/service/testing';
import { HealthScoringConfig } from '../health-scoring.config';
import { AnalyticsCache } from './analytics-cache';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sut(maxAgeMs: number) {
  const clock = new ManualClock(new Date('2026-11-30T10:00:00.000Z'));
  let computations = 0;
  const compute = async () => {
    computations += 1;
    await sleep(5);
    return computations;
  };
  const cache = new AnalyticsCache(Object.assign(new HealthScoringConfig(), { ANALYTICS_CACHE_MS: maxAgeMs }), clock);
  return { cache, clock, compute, computations: () => computations };
}

describe('AnalyticsCache', () => {
  it('answers from memory while young, with the time its computation started as asOf', async () => {
    const { cache, clock, compute } = sut(1_000);
    const first = await cache.get('k', compute);
    clock.set(new Date('2026-11-30T10:00:00.300Z'));
    expect(await cache.get('k', compute)).toEqual({ value: 1, asOf: new Date('2026-11-30T10:00:00.000Z') });
    expect(first.value).toBe(1);
    expect((await cache.get('other', compute)).value).toBe(2);
  });

  it('recomputes in the background once half as old, still answering from memory, and waits when too old', async () => {
    const { cache, compute, computations } = sut(200);
    await cache.get('k', compute);
    await sleep(120);
    expect((await cache.get('k', compute)).value).toBe(1); // served at once, refresh started
    await sleep(30);
    expect(computations()).toBe(2);
    expect((await cache.get('k', compute)).value).toBe(2);
    await sleep(260);
    expect((await cache.get('k', compute)).value).toBe(3); // too old: waited for a fresh one
  });

  it('shares one computation among concurrent requests, and computes every request with 0', async () => {
    const shared = sut(1_000);
    await Promise.all([shared.cache.get('k', shared.compute), shared.cache.get('k', shared.compute), shared.cache.get('k', shared.compute)]);
    expect(shared.computations()).toBe(1);
    const off = sut(0);
    await off.cache.get('k', off.compute);
    await off.cache.get('k', off.compute);
    expect(off.computations()).toBe(2);
  });

  it('does not keep a failed computation', async () => {
    const { cache } = sut(1_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect((await cache.get('k', () => Promise.resolve(7))).value).toBe(7);
  });
});
