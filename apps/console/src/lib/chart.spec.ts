import { chartModel, limitForMetric, windowLabel } from './chart';

const LIMITS = { storage: { limit: 2, mode: 'hard' as const }, users: { limit: 25, mode: 'soft' as const }, bandwidth: { limit: 100, mode: 'soft' as const } };

describe('usage chart data', () => {
  it('holds each metric against its limit in the metric unit', () => {
    expect(limitForMetric('storage_bytes', LIMITS)).toEqual({ value: 2e9, mode: 'hard' });
    expect(limitForMetric('bandwidth_bytes', LIMITS)).toEqual({ value: 100e9, mode: 'soft' });
    expect(limitForMetric('active_users', LIMITS)).toEqual({ value: 25, mode: 'soft' });
    expect(limitForMetric('api_calls', LIMITS)).toBeNull();
    expect(limitForMetric('api_calls', { ...LIMITS, apiCalls: { limit: 1000, mode: 'hard' } })).toEqual({ value: 1000, mode: 'hard' });
    expect(limitForMetric('concurrent_connections', LIMITS)).toBeNull();
    expect(limitForMetric('api_calls', undefined)).toBeNull();
  });

  it('orders windows oldest first, scales to the limit and flags windows over it', () => {
    const model = chartModel(
      [
        { windowStart: '2026-11-30T00:00:00Z', value: '150' },
        { windowStart: '2026-11-29T00:00:00Z', value: '50' },
      ],
      100,
      'day',
      { width: 200, height: 110 },
    );
    expect(model.bars.map((b) => [b.label, b.value, b.overLimit])).toEqual([
      ['11-29', 50, false],
      ['11-30', 150, true],
    ]);
    expect(model.max).toBeCloseTo(165);
    expect(model.limitY).toBeCloseTo(110 - (100 / 165) * 110);
    expect(model.bars[1]?.height).toBeCloseTo((150 / 165) * 110);
    expect(model.bars[1]?.x).toBeGreaterThan(model.bars[0]?.x);
  });

  it('keeps the limit line on the scale when usage is far below it, and has no line without a limit', () => {
    const model = chartModel([{ windowStart: '2026-11-30T00:00:00Z', value: '1' }], 1000, 'month');
    expect(model.limitY).toBeGreaterThan(0);
    expect(chartModel([], null, 'hour')).toMatchObject({ empty: true, limitY: null, bars: [] });
  });

  it('labels windows for the granularity', () => {
    expect(windowLabel('2026-11-30T07:00:00.000Z', 'hour')).toBe('11-30 07h');
    expect(windowLabel('2026-11-30T00:00:00.000Z', 'month')).toBe('2026-11');
  });
});
