// A plan's usage charge on a custom `unique` meter (issue 13): the meter defined in the real metering
// process, usage with repeated members recorded through its ingestion API, UsageRecorded over the real
// broker to billing (in-process, ManualClock), and the invoice line bills the distinct members per tenant.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, internalAuthHeaders, produce, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { CONSUMER_GROUPS } from '../src/service';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(180_000);

const kafka = testKafka();

function tenantCreated(tenantId: string, planId: string, createdAt: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: planId, trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt,
  };
}

describe('billing of a custom unique meter (int)', () => {
  let metering: RunningService;
  let billing: RunningBilling;
  // Unique per run: the platform database (metering's meters) is shared by the whole suite.
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const seats = `seats_${suffix}`;
  const planId = `seats-${suffix}`;
  const [A, B] = [randomUUID(), randomUUID()];
  // Every event at one instant inside metering's lateness window, so all land in one billing period.
  const at = new Date(Date.now() - 60_000);
  const monthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  const nextMonthStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));

  const meteringCall = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${metering.url}${path}`, {
      method,
      headers: { ...internalAuthHeaders({ audience: 'metering' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    metering = await startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' });
    await waitUntilReady(metering);
    billing = await startBilling(at);
  });

  afterAll(async () => {
    await billing?.stop();
    await metering?.process.kill('SIGTERM');
  });

  it("bills the distinct members of a custom unique meter per tenant and period, whatever the repeats", async () => {
    expect((await meteringCall('POST', '/internal/v1/meters', { key: seats, description: 'Seats in use', unit: 'seats', aggregation: 'unique', valueProperty: 'seatId' })).status).toBe(201);
    expect(await billing.api.createPlan({ id: planId, name: 'Seats', basePrice: '10', trialDays: null, charges: [{ metric: seats, model: 'standard', unitPrice: '5' }] })).toMatchObject({ status: 201 });

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [A, B].flatMap((tenantId) => [
      eventMessage('TenantCreated', tenantCreated(tenantId, planId, monthStart.toISOString())),
      eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at: monthStart.toISOString() }),
    ]));
    for (const tenantId of [A, B]) {
      await billing.api.awaitSubscription(tenantId);
      await waitFor(async () => ((await meteringCall('GET', `/internal/v1/tenants/${tenantId}/usage`)).status === 200 ? true : undefined), { timeoutMs: 60_000, what: 'metering to know the tenant' });
    }

    // A: seats s-1, s-2, s-3 (s-1 three times, s-2 twice) → 3. B: s-1 again (another tenant's s-1 is its own) → 1.
    const seat = (tenantId: string, eventId: string, seatId: string) => ({ tenantId, eventId, metric: seats, quantity: '1', timestamp: at.toISOString(), properties: { seatId } });
    const recorded = await meteringCall('POST', '/internal/v1/usage/batch', {
      events: [seat(A, 'a1', 's-1'), seat(A, 'a2', 's-2'), seat(A, 'a3', 's-1'), seat(A, 'a4', 's-3'), seat(A, 'a5', 's-2'), seat(A, 'a6', 's-1'), seat(B, 'b1', 's-1'), seat(B, 'b2', 's-1')],
    });
    expect(recorded.status).toBe(202);
    expect((recorded.body['results'] as { status: string }[]).map((r) => r.status)).toEqual(Array(8).fill('accepted'));
    await waitFor(async () => ((await caughtUp(kafka, billing.groupPrefix + CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name)) ? true : undefined), { timeoutMs: 30_000, what: 'billing to count the usage' });

    billing.clock.set(new Date(nextMonthStart.getTime() + 86_400_000));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed', error: null });

    const [invoiceA] = (await billing.api.invoices(A)).body.invoices;
    expect(invoiceA).toMatchObject({ periodStart: monthStart.toISOString(), periodEnd: nextMonthStart.toISOString() });
    expect(invoiceA?.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['base', expect.any(String), '10.00'], ['usage', '3', '15.00']]);
    const [invoiceB] = (await billing.api.invoices(B)).body.invoices;
    expect(invoiceB?.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['base', expect.any(String), '10.00'], ['usage', '1', '5.00']]);
  });
});
