import { mayRecord, MetricDefinition, metricDefinition } from '../billable-metrics/metric-catalogue';
import { activeUserEventId, COLLECTED_METRICS, collectionSlot, gaugeEventId, isMeasurable, usageOf } from './collection-plan';

const TENANT = '11111111-1111-4111-8111-111111111111';

describe(usageOf.name, () => {
  const at = new Date('2026-06-10T12:03:20.000Z');
  const slot = new Date('2026-06-10T12:00:00.000Z');

  it('records both gauges and one active_users event per distinct user, as source collector at the measurement time', () => {
    const events = usageOf({ tenantId: TENANT, databaseBytes: '8192000', storageBytes: '12345678901234567890', activeUserIds: ['u1', 'u2', 'u1'] }, at, slot);

    const common = { tenantId: TENANT, timestamp: '2026-06-10T12:03:20.000Z', source: 'collector' };
    expect(events).toEqual([
      { ...common, eventId: 'collector:database_bytes:2026-06-10T12:00:00.000Z', metric: 'database_bytes', quantity: '8192000' },
      { ...common, eventId: 'collector:storage_bytes:2026-06-10T12:00:00.000Z', metric: 'storage_bytes', quantity: '12345678901234567890' },
      { ...common, eventId: 'collector:active_users:2026-06-10:u1', metric: 'active_users', quantity: '1', properties: { userId: 'u1' } },
      { ...common, eventId: 'collector:active_users:2026-06-10:u2', metric: 'active_users', quantity: '1', properties: { userId: 'u2' } },
    ]);
  });

  it('records only metrics the catalogue reserves to the collector, so no client can write or pre-empt them', () => {
    for (const name of COLLECTED_METRICS) {
      const metric = metricDefinition(name) as MetricDefinition;
      expect([name, metric.measuredBy, mayRecord(metric, 'api')]).toEqual([name, 'collector', false]);
    }
  });

  it('leaves out the metrics that could not be measured', () => {
    expect(usageOf({ tenantId: TENANT, databaseBytes: '0' }, at, slot).map((event) => event.metric)).toEqual(['database_bytes']);
    expect(usageOf({ tenantId: TENANT }, at, slot)).toEqual([]);
  });
});

describe(collectionSlot.name, () => {
  it('gives every moment of one interval the same slot, and the next interval the next one', () => {
    const interval = 300_000;
    const first = collectionSlot(new Date('2026-06-10T12:00:00.000Z'), interval);
    expect(collectionSlot(new Date('2026-06-10T12:04:59.999Z'), interval)).toEqual(first);
    expect(collectionSlot(new Date('2026-06-10T12:05:00.000Z'), interval)).toEqual(new Date('2026-06-10T12:05:00.000Z'));
    expect(gaugeEventId('storage_bytes', first)).not.toBe(gaugeEventId('storage_bytes', collectionSlot(new Date('2026-06-10T12:05:00.000Z'), interval)));
  });

  it('counts a user once per UTC day, whatever the slot', () => {
    expect(activeUserEventId(new Date('2026-06-10T00:00:00.000Z'), 'u1')).toBe(activeUserEventId(new Date('2026-06-10T23:59:59.999Z'), 'u1'));
    expect(activeUserEventId(new Date('2026-06-11T00:00:00.000Z'), 'u1')).toBe('collector:active_users:2026-06-11:u1');
  });
});

describe(isMeasurable.name, () => {
  it.each([
    ['known', true],
    ['active', true],
    ['inactive', true],
    ['suspended', false],
    ['deleted', false],
    [undefined, false],
  ] as const)('%s → %s', (status, expected) => {
    expect(isMeasurable(status)).toBe(expected);
  });
});
