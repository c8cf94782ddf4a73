import { currentUsage } from './get-usage.use-case';

const PERIOD = new Date('2026-03-01T00:00:00.000Z');

describe(currentUsage.name, () => {
  it('shows the limit, its mode and the percentage used with two decimals', () => {
    expect(currentUsage('api_calls', PERIOD, '2', { metric: 'api_calls', limit: '3.000', mode: 'hard' })).toEqual({
      metric: 'api_calls',
      periodStart: PERIOD.toISOString(),
      value: '2',
      limit: '3',
      mode: 'hard',
      percentUsed: 66.67,
    });
  });

  it('reports over 100 % once the limit is exceeded', () => {
    expect(currentUsage('storage_bytes', PERIOD, '60000000000', { metric: 'storage_bytes', limit: '50000000000', mode: 'soft' }).percentUsed).toBe(120);
  });

  it('has nulls without a limit, and no percentage of a limit of 0', () => {
    expect(currentUsage('active_users', PERIOD, '4', undefined)).toMatchObject({ limit: null, mode: null, percentUsed: null });
    expect(currentUsage('active_users', PERIOD, '4', { metric: 'active_users', limit: '0', mode: 'hard' })).toMatchObject({ limit: '0', mode: 'hard', percentUsed: null });
  });
});
