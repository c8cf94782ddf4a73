import { PLATFORM_MEASURED_METRICS } from '@tenantry/usage-api';
import { BUILT_IN_METRICS, mayRecord, MetricDefinition, memberOf, metricDefinition, normalizeDecimal, utcDay, windowStart } from './metric-catalogue';

describe('metric catalogue', () => {
  describe(metricDefinition.name, () => {
    it.each([
      ['storage_bytes', 'latest'],
      ['database_bytes', 'latest'],
      ['bandwidth_bytes', 'sum'],
      ['api_calls', 'sum'],
      ['active_users', 'unique'],
      ['concurrent_connections', 'max'],
    ])('%s aggregates by %s', (name, aggregation) => {
      expect(metricDefinition(name)?.aggregation).toBe(aggregation);
    });

    it('knows no other metric', () => {
      expect(metricDefinition('cpu_seconds')).toBeUndefined();
    });
  });

  describe(mayRecord.name, () => {
    it('lets only the collector record the metrics the platform measures, as the gateway documents them', () => {
      expect(BUILT_IN_METRICS.filter((metric) => metric.measuredBy !== undefined).map((metric) => metric.name).sort()).toEqual([...PLATFORM_MEASURED_METRICS].sort());
      for (const name of PLATFORM_MEASURED_METRICS) {
        const metric = metricDefinition(name) as MetricDefinition;
        expect([mayRecord(metric, 'collector'), mayRecord(metric, 'api'), mayRecord(metric, 'gateway')]).toEqual([true, false, false]);
      }
    });

    it('lets every source record the other metrics', () => {
      const apiCalls = metricDefinition('api_calls') as MetricDefinition;
      expect([mayRecord(apiCalls, 'collector'), mayRecord(apiCalls, 'api'), mayRecord(apiCalls, 'gateway')]).toEqual([true, true, true]);
    });
  });

  describe(memberOf.name, () => {
    it('is configured for active_users', () => {
      expect(metricDefinition('active_users')?.memberProperty).toBe('userId');
    });

    const activeUsers: MetricDefinition = { name: 'active_users', aggregation: 'unique', memberProperty: 'userId' };

    it('counts active users by properties.userId', () => {
      expect(memberOf(activeUsers, { userId: 'u-1' })).toBe('u-1');
      expect(memberOf(activeUsers, { userId: 42 })).toBe('42');
    });

    it('has no member when userId is missing or empty', () => {
      expect(memberOf(activeUsers, undefined)).toBeUndefined();
      expect(memberOf(activeUsers, { userId: '' })).toBeUndefined();
    });

    it('has no member for metrics that are not unique counts', () => {
      expect(memberOf({ name: 'api_calls', aggregation: 'sum' }, { userId: 'u-1' })).toBeUndefined();
    });
  });

  describe(windowStart.name, () => {
    const at = new Date('2026-03-31T23:59:59.999Z');

    it('puts an event in the UTC hour, day and calendar month of its timestamp', () => {
      expect(windowStart('hour', at).toISOString()).toBe('2026-03-31T23:00:00.000Z');
      expect(windowStart('day', at).toISOString()).toBe('2026-03-31T00:00:00.000Z');
      expect(windowStart('month', at).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    });

    it('reads timestamps with an offset in UTC', () => {
      expect(windowStart('day', new Date('2026-04-01T01:30:00+02:00')).toISOString()).toBe('2026-03-31T00:00:00.000Z');
      expect(utcDay(new Date('2026-04-01T01:30:00+02:00'))).toBe('2026-03-31');
    });
  });

  describe(normalizeDecimal.name, () => {
    it.each([
      ['0.30', '0.3'],
      ['5.000', '5'],
      ['100', '100'],
      ['0.000', '0'],
      ['12.0500', '12.05'],
    ])('%s → %s', (input, output) => {
      expect(normalizeDecimal(input)).toBe(output);
    });
  });
});
