import { UsageRecordedPayload } from '@tenantry/contracts';
import { NonRetryableError } from '@tenantry/messaging';
import { tenantScope } from '@tenantry/persistence';
import { FakeTransactions } from '@tenantry/persistence/testing';
import { testLogger } from '@tenantry/testing';
import { InMemoryUsageTotalsRepository } from '../../testing/in-memory-usage-totals.repository';
import { RecordUsageCommand } from './record-usage.command';
import { RecordUsageUseCase } from './record-usage.use-case';

const TENANT = '6f1c2a9e-4b7d-4c1e-9a53-2f0d8e7b1c44';
const APRIL = new Date('2026-04-01T00:00:00.000Z');
const MAY = new Date('2026-05-01T00:00:00.000Z');
let n = 0;
const MEASURED = new Set(['storage_bytes', 'database_bytes', 'active_users']);
const usage = (metric: string, quantity: string, timestamp: string, extra: Partial<UsageRecordedPayload> = {}): UsageRecordedPayload => ({
  tenantId: TENANT.toUpperCase(), eventId: `e${++n}`, metric, quantity, timestamp, source: MEASURED.has(metric) ? 'collector' : 'api', ...extra,
});

describe(RecordUsageUseCase.name, () => {
  let totals: InMemoryUsageTotalsRepository;
  let sut: RecordUsageUseCase;
  beforeEach(() => {
    totals = new InMemoryUsageTotalsRepository();
    sut = new RecordUsageUseCase(totals, testLogger('record-usage'));
  });

  it('totals each metric per UTC month the way metering aggregates it, exactly', async () => {
    await sut.execute(new RecordUsageCommand([
      usage('api_calls', '0.1', '2026-04-10T00:00:00Z'),
      usage('api_calls', '0.2', '2026-04-30T23:59:59.999Z'),
      usage('api_calls', '5', '2026-05-01T00:00:00Z'),
      usage('storage_bytes', '700', '2026-04-20T00:00:00Z'),
      usage('storage_bytes', '500', '2026-04-21T00:00:00Z'),
      usage('storage_bytes', '900', '2026-04-19T00:00:00Z'), // older reading: does not replace the latest
      usage('concurrent_connections', '7', '2026-04-02T00:00:00Z'),
      usage('concurrent_connections', '3', '2026-04-03T00:00:00Z'),
      usage('active_users', '1', '2026-04-03T00:00:00Z', { properties: { userId: 'a' } }),
      usage('active_users', '1', '2026-04-04T00:00:00Z', { properties: { userId: 'a' } }),
      usage('active_users', '1', '2026-04-05T00:00:00Z', { properties: { userId: 'b' } }),
    ]), FakeTransactions.TX);
    await sut.execute(new RecordUsageCommand([usage('active_users', '1', '2026-04-06T00:00:00Z', { properties: { userId: 'b' } }), usage('storage_bytes', '650', '2026-04-22T00:00:00Z')]), FakeTransactions.TX);

    expect(Object.fromEntries(await totals.totals({ ...tenantScope(TENANT), periodStart: APRIL }))).toEqual({ api_calls: '0.3', storage_bytes: '650', concurrent_connections: '7', active_users: '2' });
    expect(Object.fromEntries(await totals.totals({ ...tenantScope(TENANT), periodStart: MAY }))).toEqual({ api_calls: '5' });
  });

  it("counts the distinct members of any unique meter from the event's member, and active_users recorded before from its userId", async () => {
    const seat = (seatId: string, timestamp: string, extra: Partial<UsageRecordedPayload> = {}) => usage('seats', '1', timestamp, { aggregation: 'unique', member: seatId, properties: { seatId }, ...extra });
    await sut.execute(new RecordUsageCommand([
      seat('s-1', '2026-04-03T00:00:00Z'),
      seat('s-2', '2026-04-04T00:00:00Z'),
      seat('s-1', '2026-04-05T00:00:00Z'),
      seat('s-1', '2026-05-01T00:00:00Z'), // May: a member counts once per period, in each period
      seat('s-3', '2026-04-06T00:00:00Z', { counted: false }), // a source the meter does not count
      usage('active_users', '1', '2026-04-03T00:00:00Z', { aggregation: 'unique', member: 'ann', properties: { userId: 'ann' } }),
      usage('active_users', '1', '2026-04-04T00:00:00Z', { properties: { userId: 'ann' } }), // recorded before events carried member
      usage('active_users', '1', '2026-04-05T00:00:00Z', { properties: { userId: 'bob' } }),
    ]), FakeTransactions.TX);
    await sut.execute(new RecordUsageCommand([seat('s-2', '2026-04-07T00:00:00Z'), seat('s-4', '2026-04-08T00:00:00Z')]), FakeTransactions.TX);

    expect(Object.fromEntries(await totals.totals({ ...tenantScope(TENANT), periodStart: APRIL }))).toEqual({ seats: '3', active_users: '2' });
    expect(Object.fromEntries(await totals.totals({ ...tenantScope(TENANT), periodStart: MAY }))).toEqual({ seats: '1' });
  });

  it('keeps one id space per source, like metering', async () => {
    await sut.execute(new RecordUsageCommand([usage('api_calls', '1', '2026-04-10T00:00:00Z', { eventId: 'x' }), usage('api_calls', '2', '2026-04-10T00:00:00Z', { eventId: 'x', source: 'gateway' })]), FakeTransactions.TX);
    expect((await totals.totals({ ...tenantScope(TENANT), periodStart: APRIL })).get('api_calls')).toBe('3');
  });

  it('refuses, without retrying, a measured metric that does not come from the collector, and counts nothing of it', async () => {
    await expect(sut.execute(new RecordUsageCommand([usage('storage_bytes', '0', '2026-04-10T00:00:00Z', { source: 'api' })]), FakeTransactions.TX)).rejects.toBeInstanceOf(NonRetryableError);
    expect(await totals.totals({ ...tenantScope(TENANT), periodStart: APRIL })).toEqual(new Map());
  });

  it('counts a (tenant, eventId) once, within a batch and across batches', async () => {
    const event = usage('api_calls', '10', '2026-04-10T00:00:00Z');
    expect(await sut.execute(new RecordUsageCommand([event, event]), FakeTransactions.TX)).toEqual({ counted: 1 });
    expect(await sut.execute(new RecordUsageCommand([{ ...event, timestamp: '2026-04-11T00:00:00Z' }]), FakeTransactions.TX)).toEqual({ counted: 0 });
    expect((await totals.totals({ ...tenantScope(TENANT), periodStart: APRIL })).get('api_calls')).toBe('10');
  });

  it('ignores and logs usage older than the adjustable periods, and still counts the periods inside them', async () => {
    const warnings: unknown[][] = [];
    const logger = testLogger('record-usage');
    jest.spyOn(logger, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    sut = new RecordUsageUseCase(totals, logger);
    totals.billable.set(TENANT, new Date('2026-02-01T00:00:00.000Z'));
    const result = await sut.execute(new RecordUsageCommand([usage('api_calls', '7', '2026-01-31T23:59:59Z'), usage('api_calls', '9', '2026-02-01T00:00:00Z')]), FakeTransactions.TX);
    expect(result).toEqual({ counted: 1 });
    expect(await totals.totals({ ...tenantScope(TENANT), periodStart: new Date('2026-01-01T00:00:00.000Z') })).toEqual(new Map());
    expect((await totals.totals({ ...tenantScope(TENANT), periodStart: new Date('2026-02-01T00:00:00.000Z') })).get('api_calls')).toBe('9');
    expect(warnings).toEqual([[expect.objectContaining({ tenantId: TENANT, period: '2026-01', metric: 'api_calls' }), 'late usage older than the adjustable periods ignored']]);
  });
});
