import { METRIC_NOT_WRITABLE } from '@tenantry/usage-api';
import { Meter } from '../meters/meter';
import { builtInMeter } from '../meters/testing/built-in-meters';
import { checkUsageEvent, earliestCopyDay, exactQuantity, SubmittedUsageEvent, UsageRejection, UsageRules } from './usage-rules';

const NOW = new Date('2026-06-10T12:00:00.000Z');
const HOUR_MS = 3_600_000;
const RULES: UsageRules = { now: NOW, latenessMs: 72 * HOUR_MS, maxFutureSkewMs: 5 * 60_000 };
const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';

function event(overrides: Partial<SubmittedUsageEvent> = {}): SubmittedUsageEvent {
  return { tenantId: TENANT, eventId: 'e-1', metric: 'api_calls', quantity: '3', timestamp: NOW.toISOString(), ...overrides };
}

describe(checkUsageEvent.name, () => {
  const sut = (e: SubmittedUsageEvent, status: Parameters<typeof checkUsageEvent>[1], rules: UsageRules) => checkUsageEvent(e, status, rules, builtInMeter);

  it('accepts a good event of an active tenant, quantity kept as an exact string', () => {
    expect(sut(event({ quantity: '0.1' }), 'active', RULES)).toEqual({ ok: true, event: { tenantId: TENANT, eventId: 'e-1', metric: 'api_calls', quantity: '0.1', timestamp: NOW.toISOString() } });
  });

  it.each([
    [undefined, UsageRejection.UnknownTenant],
    ['suspended', UsageRejection.TenantSuspended],
    ['deleted', UsageRejection.TenantDeleted],
  ] as const)('rejects a tenant that is %s', (status, reason) => {
    expect(sut(event(), status, RULES)).toEqual({ ok: false, reason });
  });

  it('rejects a tenant id that is not a UUID as unknown', () => {
    expect(sut(event({ tenantId: 'acme' }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.UnknownTenant });
  });

  it('rejects an unknown metric', () => {
    expect(sut(event({ metric: 'cpu_seconds' }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.UnknownMetric });
  });

  it.each([['-1'], ['1e3'], ['abc'], [''], [-1], [0.5], [Number.MAX_SAFE_INTEGER + 1]])('rejects the quantity %p', (quantity) => {
    expect(sut(event({ quantity }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidQuantity });
  });

  it('rejects a timestamp that is not ISO 8601 with a zone', () => {
    expect(sut(event({ timestamp: '2026-06-10 12:00' }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidTimestamp });
    expect(sut(event({ timestamp: '2026-06-10T12:00:00' }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidTimestamp });
  });

  it('accepts up to the future skew and rejects beyond it', () => {
    expect(sut(event({ timestamp: new Date(NOW.getTime() + 5 * 60_000).toISOString() }), 'active', RULES).ok).toBe(true);
    expect(sut(event({ timestamp: new Date(NOW.getTime() + 5 * 60_000 + 1).toISOString() }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.TimestampInFuture });
  });

  it('accepts late events within the lateness window and rejects older ones', () => {
    expect(sut(event({ timestamp: new Date(NOW.getTime() - 72 * HOUR_MS).toISOString() }), 'active', RULES).ok).toBe(true);
    expect(sut(event({ timestamp: new Date(NOW.getTime() - 72 * HOUR_MS - 1).toISOString() }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.TimestampTooLate });
  });

  it.each([['storage_bytes'], ['database_bytes'], ['active_users']])('rejects %s, which the platform measures itself, as not writable', (metric) => {
    expect(sut(event({ metric, quantity: '0', properties: { userId: 'u-1' } }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.MetricNotWritable });
    expect(UsageRejection.MetricNotWritable).toBe(METRIC_NOT_WRITABLE);
  });

  it.each([['api_calls'], ['bandwidth_bytes'], ['concurrent_connections']])('accepts %s from clients', (metric) => {
    expect(sut(event({ metric }), 'active', RULES).ok).toBe(true);
  });

  it('rejects properties that are not flat strings, numbers or booleans', () => {
    expect(sut(event({ properties: { nested: { a: 1 } } }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidProperties });
  });

  it('rejects an empty or over-long event id', () => {
    expect(sut(event({ eventId: '' }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidEventId });
    expect(sut(event({ eventId: 'x'.repeat(201) }), 'active', RULES)).toEqual({ ok: false, reason: UsageRejection.InvalidEventId });
  });

  it("applies a custom meter: its filters, its value property, 1 per event for count", () => {
    const base = builtInMeter('api_calls') as Meter;
    const custom: Record<string, Meter> = {
      pages: { ...base, key: 'pages', builtIn: false, valueProperty: 'pages', filters: { region: ['eu'] }, recordedBy: ['api'], countedSources: ['api'] },
      jobs: { ...base, key: 'jobs', builtIn: false, aggregation: 'count', recordedBy: ['api'], countedSources: ['api'] },
    };
    const check = (e: SubmittedUsageEvent) => checkUsageEvent(e, 'active', RULES, (key) => custom[key]);
    expect(check(event({ metric: 'pages', properties: { region: 'eu', pages: '12.5' } }))).toMatchObject({ ok: true, event: { metric: 'pages', quantity: '12.5' } });
    expect(check(event({ metric: 'pages', properties: { region: 'us', pages: 3 } }))).toEqual({ ok: false, reason: UsageRejection.FilterMismatch });
    expect(check(event({ metric: 'pages', properties: { region: 'eu', pages: -1 } }))).toEqual({ ok: false, reason: UsageRejection.InvalidQuantity });
    expect(check(event({ metric: 'jobs', quantity: '40' }))).toMatchObject({ ok: true, event: { metric: 'jobs', quantity: '1' } });
    expect(check(event({ metric: 'api_calls' }))).toEqual({ ok: false, reason: UsageRejection.UnknownMetric });
  });
});

describe(exactQuantity.name, () => {
  const sut = exactQuantity;

  it('keeps decimal strings as they are and turns safe integers into strings', () => {
    expect(sut('123456789012345678901234567890.000000000001')).toBe('123456789012345678901234567890.000000000001');
    expect(sut(42)).toBe('42');
    expect(sut(0)).toBe('0');
  });
});

describe(earliestCopyDay.name, () => {
  it('reaches back the lateness window and one more day for the partition boundary', () => {
    expect(earliestCopyDay(new Date('2026-11-28T08:00:00Z'), 72 * 3_600_000)).toBe('2026-11-24');
    expect(earliestCopyDay(new Date('2026-03-01T00:00:00Z'), 0)).toBe('2026-02-28');
  });
});
