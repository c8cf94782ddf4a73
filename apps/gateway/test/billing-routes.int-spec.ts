// The public billing routes through the compiled gateway to the real billing service: forwarding,
// validation at the door with libs/billing-api, and the role matrix (a tenant admin reads its own
// invoices and manages its own payment methods only).
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, testKafka, waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

describe('gateway billing routes', () => {
  let stack: GatewayOnFakeRegistry;
  const plan = `it-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startGatewayWith('billing', { BILLING_RUN_INTERVAL_MS: '3600000' });
  });

  afterAll(() => stack?.stop());

  it('forwards plan reads and writes, and checks bodies at the door', async () => {
    const { gateway } = stack;
    const billingKey = (await gateway.issueKey('billing')).key;
    const plans = await gateway.call('GET', '/plans');
    expect(plans.status).toBe(200);
    expect((plans.body['plans'] as { id: string }[]).map((p) => p.id)).toEqual(expect.arrayContaining(['free', 'starter', 'growth', 'enterprise']));

    const bad = await gateway.call('POST', '/plans', { key: billingKey, body: { id: plan, name: 'X', basePrice: 10, charges: [{ metric: 'api_calls', model: 'linear' }], extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body['type']).toBe(problemType('validation-failed'));
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['basePrice', 'charges.0.model', 'extra']));
    expect((await gateway.call('GET', `/plans/${plan}`)).status).toBe(404);

    const created = await gateway.call('POST', '/plans', { key: billingKey, body: { id: plan, name: 'Gateway test', basePrice: '10.5', charges: [{ metric: 'api_calls', model: 'standard', unitPrice: '0.001' }] } });
    expect(created).toMatchObject({ status: 201, body: { id: plan, version: 1, basePrice: '10.5' } });
    const support = (await gateway.issueKey('support')).key;
    expect((await gateway.call('PUT', `/plans/${plan}`, { key: support, body: { name: 'Y', basePrice: '1', charges: [] } })).status).toBe(403);
    expect((await gateway.call('GET', `/plans/${plan}`, { key: support })).body).toMatchObject({ version: 1 });
    expect((await gateway.call('GET', '/plans/Not_A_Plan')).status).toBe(400);
  });

  it('lets a tenant admin read its own invoices and nothing of the platform', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    expect(await gateway.call('GET', `/tenants/${tenantId}/invoices`, { key: admin })).toMatchObject({ status: 200, body: { invoices: [] } });
    expect((await gateway.call('GET', `/tenants/${randomUUID()}/invoices`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
    expect((await gateway.call('GET', `/invoices/${randomUUID()}`, { key: admin })).status).toBe(403);
    expect((await gateway.call('GET', '/plans', { key: admin })).status).toBe(403);
    expect((await gateway.call('POST', '/billing/runs', { key: admin, body: {} })).status).toBe(403);
    expect((await gateway.call('GET', `/tenants/${tenantId}/invoices?limit=0`, { key: admin })).status).toBe(400);
  });

  it('starts a dry billing run and shows it', async () => {
    const { gateway } = stack;
    const started = await gateway.call('POST', '/billing/runs', { body: { dryRun: true } });
    expect(started).toMatchObject({ status: 202, body: { dryRun: true, status: 'running' } });
    const run = await gateway.call('GET', `/billing/runs/${started.body['id'] as string}`);
    expect(run).toMatchObject({ status: 200, body: { id: started.body['id'], dryRun: true } });
    expect((await gateway.call('POST', '/billing/runs', { body: { dryRun: 'yes' } })).status).toBe(400);
  });

  it('lets a tenant admin manage its own payment methods only, never answers a card number, and keeps paying to the billing roles', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const other = stack.tenant();
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const card = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' };

    const bad = await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: admin, body: { ...card, number: '4242', expMonth: 13 } });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['expMonth', 'number']);
    expect(bad.text).not.toContain('4242424242424242');

    const added = await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: admin, body: card });
    expect(added).toMatchObject({ status: 201, body: { tenantId, brand: 'visa', last4: '4242', isDefault: true } });
    expect(added.text).not.toContain('4242424242424242');
    expect((await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: admin, body: { ...card, number: '4000000000000002' } })).status).toBe(402);

    const readOnly = (await gateway.issueKey('read-only')).key;
    const support = (await gateway.issueKey('support')).key;
    expect((await gateway.call('GET', `/tenants/${tenantId}/payment-methods`, { key: readOnly })).body).toMatchObject({ paymentMethods: [{ last4: '4242' }] });
    expect((await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: support, body: card })).status).toBe(403);
    expect((await gateway.call('GET', `/tenants/${other}/payment-methods`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
    const methodId = added.body['id'] as string;
    expect((await gateway.call('DELETE', `/tenants/${other}/payment-methods/${methodId}`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
    expect((await gateway.call('DELETE', `/tenants/${other}/payment-methods/${methodId}`)).status).toBe(404); // the platform admin, naming the wrong tenant: billing's 404
    expect((await gateway.call('GET', `/tenants/${tenantId}/payment-methods`, { key: admin })).body['paymentMethods']).toHaveLength(1);
    expect((await gateway.call('DELETE', `/tenants/${tenantId}/payment-methods/${methodId}`, { key: admin })).status).toBe(204);
    expect((await gateway.call('GET', `/tenants/${tenantId}/payment-methods`, { key: admin })).body).toEqual({ paymentMethods: [] });

    const invoiceId = randomUUID();
    expect((await gateway.call('POST', `/invoices/${invoiceId}/pay`, { key: admin })).status).toBe(403);
    const badKey = await gateway.call('POST', `/invoices/${invoiceId}/pay`, { headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(badKey.status).toBe(400);
    expect((badKey.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['Idempotency-Key']);
    const billingKey = (await gateway.issueKey('billing')).key;
    expect(await gateway.call('POST', `/invoices/${invoiceId}/pay`, { key: billingKey, headers: { 'idempotency-key': 'pay-1' } })).toMatchObject({ status: 404, body: { type: problemType('invoice-not-found') } });
  });

  it("makes another card the default for the roles that attach cards, audited; another tenant's admin gets 404 and a read-only key 403", async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const other = stack.tenant();
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const othersAdmin = (await gateway.issueKey('tenant-admin', other)).key;
    const readOnly = (await gateway.issueKey('read-only')).key;
    const card = { number: '4242424242424242', expMonth: 12, expYear: 2030 };
    const first = await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: admin, body: card });
    const second = await gateway.call('POST', `/tenants/${tenantId}/payment-methods`, { key: admin, body: { ...card, number: '4000056655665556' } });
    const methodId = second.body['id'] as string;
    const path = `/tenants/${tenantId}/payment-methods/${methodId}/default`;

    expect((await gateway.call('POST', path, { key: othersAdmin })).body['type']).toBe(problemType('tenant-not-found')); // naming the tenant: not its own
    expect((await gateway.call('POST', `/tenants/${other}/payment-methods/${methodId}/default`, { key: othersAdmin })).body['type']).toBe(problemType('payment-method-not-found')); // naming its own tenant with this card: billing's 404
    expect((await gateway.call('POST', path, { key: readOnly })).status).toBe(403);
    expect((await gateway.call('POST', `/tenants/${other}/payment-methods/${randomUUID()}/default`)).body['type']).toBe(problemType('payment-method-not-found')); // the platform admin, an unknown card
    expect((await gateway.call('POST', `/tenants/${tenantId}/payment-methods/not-a-uuid/default`, { key: admin })).status).toBe(400);
    const defaults = async () => ((await gateway.call('GET', `/tenants/${tenantId}/payment-methods`, { key: admin })).body['paymentMethods'] as { id: string; isDefault: boolean }[]).map((m) => [m.id, m.isDefault]);
    expect(await defaults()).toEqual([[first.body['id'], true], [methodId, false]]);

    expect(await gateway.call('POST', path, { key: admin })).toMatchObject({ status: 200, body: { id: methodId, tenantId, last4: '5556', isDefault: true } });
    expect(await gateway.call('POST', path, { key: admin })).toMatchObject({ status: 200, body: { id: methodId, isDefault: true } });
    expect(await defaults()).toEqual([[first.body['id'], false], [methodId, true]]);

    const audited = await waitFor(async () => {
      const page = await gateway.call('GET', `/audit?tenantId=${tenantId}&limit=20`);
      const entries = (page.body['items'] as { route: string; status: number; role: string }[]).filter((e) => e.route === '/api/v1/platform/tenants/:id/payment-methods/:methodId/default');
      return entries.length >= 5 ? entries : undefined;
    }, { what: 'the audit entries of setDefaultPaymentMethod' });
    expect(audited.map((e) => [e.role, e.status]).sort()).toEqual([['read-only', 403], ['tenant-admin', 200], ['tenant-admin', 200], ['tenant-admin', 400], ['tenant-admin', 404]].sort());
  });

  it('shows a tenant its own dunning state, and another tenant nothing', async () => {
    const { gateway } = stack;
    const tenantId = stack.tenant();
    const admin = (await gateway.issueKey('tenant-admin', tenantId)).key;
    const readOnly = (await gateway.issueKey('read-only')).key;
    await produce(testKafka(), TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', {
        tenantId,
        slug: `t-${tenantId.slice(0, 8)}`,
        name: 'Dunning route tenant',
        domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: false },
        plan: { id: 'starter', trial: false },
        adminEmail: 'ops@example.com',
        configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
        resources: { storage: 1, bandwidth: 1, users: 1 },
        createdAt: new Date().toISOString(),
      }),
    ]);
    const own = await waitFor(
      async () => {
        const answer = await gateway.call('GET', `/tenants/${tenantId}/dunning`, { key: admin });
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'billing to know the tenant' },
    );
    expect(own.body).toEqual({ tenantId, state: 'none', daysOverdue: 0, overdueInvoiceIds: [], episode: null, nextStep: null });
    expect((await gateway.call('GET', `/tenants/${stack.tenant()}/dunning`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
    const unknown = await gateway.call('GET', `/tenants/${randomUUID()}/dunning`, { key: readOnly });
    expect(unknown).toMatchObject({ status: 404, body: { detail: expect.stringContaining('has no billing account') } });
    expect((await gateway.call('GET', '/tenants/not-a-uuid/dunning', { key: readOnly })).status).toBe(400);
  });
});
