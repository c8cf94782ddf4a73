// Invoice corrections through the compiled gateway to the real billing service (real Kafka and
// Postgres): voiding and credit notes for the billing roles only, bodies checked at the door with
// libs/billing-api, reads for support and read-only, and a tenant admin reading its own invoices'
// credit notes — another tenant's invoice id answers 404.
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

const kafka = testKafka();
// A month that has ended (with its grace window) whatever day the test runs: its invoice is finalized by the first run.
const now = new Date();
const START = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString();

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `Tenant ${tenantId.slice(0, 8)}`, domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false }, adminEmail: 'ops@example.com', configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: START,
  };
}

describe('gateway credit-note routes', () => {
  let stack: GatewayOnFakeRegistry;

  beforeAll(async () => {
    stack = await startGatewayWith('billing', { BILLING_RUN_INTERVAL_MS: '3600000', PAYMENT_COLLECTION_INTERVAL_MS: '3600000' });
  });

  afterAll(() => stack?.stop());

  it('voids and credits for the billing roles, reads for support and read-only, and a tenant admin reads only its own invoices’ credit notes', async () => {
    const { gateway } = stack;
    const [own, other] = [stack.tenant(), stack.tenant()];
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [own, other].map((id) => eventMessage('TenantCreated', tenantCreated(id))));
    const firstInvoice = (tenantId: string) => async () => {
      const run = await gateway.call('POST', '/billing/runs', { body: {} });
      await waitFor(async () => ((await gateway.call('GET', `/billing/runs/${run.body['id'] as string}`)).body['status'] === 'running' ? undefined : true), { timeoutMs: 30_000, what: 'the billing run' });
      const invoices = (await gateway.call('GET', `/tenants/${tenantId}/invoices?status=finalized`)).body['invoices'] as { id: string; total: string }[] | undefined;
      return invoices?.at(-1);
    };
    const ownInvoice = await waitFor(firstInvoice(own), { timeoutMs: 60_000, intervalMs: 500, what: 'an invoice of the own tenant' });
    const otherInvoice = await waitFor(firstInvoice(other), { timeoutMs: 60_000, intervalMs: 500, what: 'an invoice of the other tenant' });
    expect(ownInvoice.total).toBe('29.00');

    const billingKey = (await gateway.issueKey('billing')).key;
    const support = (await gateway.issueKey('support')).key;
    const readOnly = (await gateway.issueKey('read-only')).key;
    const admin = (await gateway.issueKey('tenant-admin', own)).key;

    // Bodies are checked at the door, naming the field.
    const bad = await gateway.call('POST', `/invoices/${ownInvoice.id}/credit-notes`, { key: billingKey, body: { reason: 'whim', amount: 12.5 } });
    expect(bad.status).toBe(400);
    expect([...new Set((bad.body['errors'] as { field: string }[]).map((e) => e.field))].sort()).toEqual(['amount', 'reason']);
    const badKey = await gateway.call('POST', `/invoices/${ownInvoice.id}/void`, { key: billingKey, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect((badKey.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['Idempotency-Key']);

    // Writes: billing and platform-admin only.
    for (const key of [support, readOnly, admin]) {
      expect((await gateway.call('POST', `/invoices/${ownInvoice.id}/credit-notes`, { key, body: { reason: 'other', amount: '1.00' } })).status).toBe(403);
      expect((await gateway.call('POST', `/invoices/${otherInvoice.id}/void`, { key })).status).toBe(403);
    }
    const issued = await gateway.call('POST', `/invoices/${ownInvoice.id}/credit-notes`, { key: billingKey, body: { reason: 'order_change', amount: '4.50' }, headers: { 'idempotency-key': 'gw-cn-1' } });
    expect(issued).toMatchObject({ status: 201, body: { invoiceId: ownInvoice.id, tenantId: own, amount: '4.50', method: 'credit', number: expect.stringMatching(/^CN-\d{6}$/) } });
    const replay = await gateway.call('POST', `/invoices/${ownInvoice.id}/credit-notes`, { key: billingKey, body: { reason: 'order_change', amount: '4.50' }, headers: { 'idempotency-key': 'gw-cn-1' } });
    expect(replay.body['id']).toBe(issued.body['id']);
    const over = await gateway.call('POST', `/invoices/${ownInvoice.id}/credit-notes`, { body: { reason: 'other', amount: '24.51' } });
    expect(over).toMatchObject({ status: 409, body: { type: problemType('credit-exceeds-remaining'), field: 'amount', remainingCreditable: '24.50' } });
    const voided = await gateway.call('POST', `/invoices/${otherInvoice.id}/void`, { headers: { 'idempotency-key': 'gw-void-1' } });
    expect(voided).toMatchObject({ status: 200, body: { id: otherInvoice.id, status: 'voided' } });

    // Reads: the platform read for support and read-only; the tenant-scoped one for the tenant admin, its own only.
    for (const key of [support, readOnly]) expect(await gateway.call('GET', `/invoices/${ownInvoice.id}/credit-notes`, { key })).toMatchObject({ status: 200, body: { remainingCreditable: '24.50' } });
    expect((await gateway.call('GET', `/invoices/${ownInvoice.id}/credit-notes`, { key: admin })).status).toBe(403);
    expect(await gateway.call('GET', `/tenants/${own}/invoices/${ownInvoice.id}/credit-notes`, { key: admin })).toMatchObject({ status: 200, body: { creditNotes: [{ id: issued.body['id'], amount: '4.50' }] } });
    expect(await gateway.call('GET', `/tenants/${own}/invoices/${ownInvoice.id}`, { key: admin })).toMatchObject({ status: 200, body: { creditNotes: [{ id: issued.body['id'] }] } });
    const foreign = await gateway.call('GET', `/tenants/${own}/invoices/${otherInvoice.id}/credit-notes`, { key: admin });
    expect(foreign).toMatchObject({ status: 404, body: { type: problemType('invoice-not-found') } });
    expect((await gateway.call('GET', `/tenants/${other}/invoices/${otherInvoice.id}/credit-notes`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
  });
});
