import { LatencyHistogram } from './latency-histogram';
import { judgeWindow, PerformanceWindows } from './performance-windows';

const TENANT = '6b0f7d1e-1111-4111-8111-111111111111';
const THRESHOLDS = { minRequests: 20, p95Ms: 1_000, errorRate: 0.05 };

describe(LatencyHistogram.name, () => {
  it('gives a p95 no lower than the true one and within 10 % of it', () => {
    const sut = new LatencyHistogram();
    for (let ms = 1; ms <= 1_000; ms++) sut.record(ms);
    const p95 = sut.quantile(0.95);
    expect(p95).toBeGreaterThanOrEqual(950);
    expect(p95).toBeLessThanOrEqual(1_045);
    expect(sut.count).toBe(1_000);
  });

  it('caps the answer at the slowest latency seen, beyond its last bucket too', () => {
    const sut = new LatencyHistogram();
    sut.record(200_000);
    expect(sut.quantile(0.95)).toBe(200_000);
    expect(new LatencyHistogram().quantile(0.95)).toBe(0);
  });
});

describe(PerformanceWindows.name, () => {
  const at = (iso: string) => new Date(iso);

  it('hands out a window once it has ended, and only then', () => {
    const sut = new PerformanceWindows(300_000);
    sut.observe(TENANT, 10, 200, at('2026-11-28T10:01:00Z'));
    sut.observe(TENANT, 10, 503, at('2026-11-28T10:04:59Z'));
    sut.observe(TENANT, 10, 200, at('2026-11-28T10:05:00Z'));
    expect(sut.close(at('2026-11-28T10:04:59.999Z'))).toEqual([]);
    const [closed, ...rest] = sut.close(at('2026-11-28T10:05:00Z'));
    expect(rest).toEqual([]);
    expect(closed).toMatchObject({ tenantId: TENANT, windowStart: at('2026-11-28T10:00:00Z'), requests: 2, errors: 1 });
    expect(sut.close(at('2026-11-28T10:05:00Z'))).toEqual([]);
    expect(sut.close(at('2026-11-28T10:10:00Z'))).toHaveLength(1);
  });
});

describe(judgeWindow.name, () => {
  const windowOf = (requests: number, errors: number, latencyMs: number) => {
    const latency = new LatencyHistogram();
    for (let i = 0; i < requests; i++) latency.record(latencyMs);
    return { tenantId: TENANT, windowStart: new Date(0), requests, errors, latency };
  };

  it('finds a window degraded by its error rate or its p95, given enough requests', () => {
    expect(judgeWindow(windowOf(20, 2, 5), THRESHOLDS)).toMatchObject({ degraded: true, errorRate: 0.1 });
    expect(judgeWindow(windowOf(20, 1, 5), THRESHOLDS).degraded).toBe(false);
    expect(judgeWindow(windowOf(20, 0, 1_500), THRESHOLDS).degraded).toBe(true);
    expect(judgeWindow(windowOf(19, 19, 5_000), THRESHOLDS).degraded).toBe(false);
  });
});
