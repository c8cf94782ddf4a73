// Invoice PDFs, revenue and the billing summary through the compiled gateway to the real billing
// service (tenants from TenantCreated on the real broker, a real billing run): the PDF passes
// through as bytes (pdftotext reads it back), a tenant admin gets only its own tenant's PDF and
// summary (another's: 404), revenue is for the platform roles only, bad queries are 400 naming the field.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, pdfToText, produce, testKafka, waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(150_000);

const kafka = testKafka();

function tenantCreated(tenantId: string, name: string, planId: string, createdAt: Date): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: planId, trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: createdAt.toISOString(),
  };
}

interface Invoice {
  id: string;
  number: string;
  total: string;
  lines: { description: string; amount: string }[];
}

describe('gateway invoice PDF, revenue and billing summary routes', () => {
  let stack: GatewayOnFakeRegistry;
  let tenant: string;
  let other: string;
  let invoice: Invoice;
  const now = new Date();
  // The first of the month three months ago: its month and the next two are invoiced and finalized.
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1));
  // Created at noon that day: new MRR of that month (a subscription there at 00:00 would be in its start MRR).
  const createdAt = new Date(since.getTime() + 12 * 3_600_000);
  const month = (at: Date) => at.toISOString().slice(0, 7);

  beforeAll(async () => {
    stack = await startGatewayWith('billing', { BILLING_RUN_INTERVAL_MS: '3600000' });
    tenant = stack.tenant();
    other = stack.tenant();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', tenantCreated(tenant, 'Tango Trading', 'starter', createdAt)),
      eventMessage('TenantCreated', tenantCreated(other, 'Uniform Ltd', 'growth', createdAt)),
    ]);
    const { gateway } = stack;
    for (const id of [tenant, other]) {
      await waitFor(async () => ((await gateway.call('GET', `/tenants/${id}/subscription`)).status === 200 ? true : undefined), { timeoutMs: 60_000, what: `a subscription of ${id}` });
    }
    const started = await gateway.call('POST', '/billing/runs', { body: {} });
    expect(started.status).toBe(202);
    await waitFor(async () => ((await gateway.call('GET', `/billing/runs/${started.body['id'] as string}`)).body['status'] !== 'running' ? true : undefined), { timeoutMs: 90_000, what: 'the billing run' });
    const invoices = (await gateway.call('GET', `/tenants/${tenant}/invoices?status=finalized`)).body['invoices'] as Invoice[];
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    invoice = invoices[invoices.length - 1] as Invoice; // the first month's
  });

  afterAll(() => stack?.stop());

  const pdf = async (invoiceId: string, key?: string) => {
    const response = await fetch(`${stack.gateway.url}/api/v1/platform/invoices/${invoiceId}/pdf`, { headers: { authorization: `Bearer ${key ?? stack.gateway.adminKey}` } });
    return { status: response.status, contentType: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
  };

  it('streams the PDF of a finalized invoice byte for byte, readable, to the platform roles and to its own tenant admin only', async () => {
    const answer = await pdf(invoice.id);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/pdf' });
    expect(answer.body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(answer.body);
    expect(text).toContain('Tango Trading');
    expect(text).toContain(`Invoice ${invoice.number}`);
    expect(text).toContain(`Billing period: ${since.toISOString().slice(0, 10)}`);
    expect(text).toContain('Starter plan');
    expect(text).toMatch(new RegExp(`Total USD\\s+${invoice.total.replace('.', '\\.')}`));

    const admin = (await stack.gateway.issueKey('tenant-admin', tenant)).key;
    const own = await pdf(invoice.id, admin);
    expect(own.status).toBe(200);
    expect(own.body.equals(answer.body)).toBe(true);
    const readOnly = (await stack.gateway.issueKey('read-only')).key;
    expect((await pdf(invoice.id, readOnly)).body.equals(answer.body)).toBe(true);

    const stranger = (await stack.gateway.issueKey('tenant-admin', other)).key;
    const refused = await pdf(invoice.id, stranger);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ type: problemType('invoice-not-found') });
    expect((await pdf(randomUUID())).status).toBe(404);
    expect((await pdf('not-an-id')).status).toBe(400);
  });

  it('reports revenue to the platform roles, not to a tenant admin, and refuses a bad range naming the field', async () => {
    const { gateway } = stack;
    const query = `?from=${month(since)}&to=${month(now)}`;
    for (const role of ['billing', 'support', 'read-only']) {
      const key = (await gateway.issueKey(role)).key;
      const answer = await gateway.call('GET', `/revenue${query}`, { key });
      expect(answer.status).toBe(200);
      const months = answer.body['months'] as { month: string; currencies: Record<string, string>[] }[];
      expect(months.map((m) => m.month)).toHaveLength(4);
      for (const c of months.flatMap((m) => m.currencies)) {
        const computed = Number(c['startMrr']) + Number(c['new']) + Number(c['expansion']) + Number(c['reactivation']) - Number(c['contraction']) - Number(c['churn']);
        expect(computed.toFixed(2)).toBe(c['endMrr']);
      }
      // Our two tenants started paying in the first month: at least their 29 + 99 of new USD MRR.
      const first = months[0]?.currencies.find((c) => c['currency'] === 'USD');
      expect(Number(first?.['new'])).toBeGreaterThanOrEqual(128);
    }
    const admin = (await gateway.issueKey('tenant-admin', tenant)).key;
    expect((await gateway.call('GET', `/revenue${query}`, { key: admin })).status).toBe(403);

    const badMonth = await gateway.call('GET', '/revenue?from=2026-13&to=2026-12');
    expect(badMonth.status).toBe(400);
    expect((badMonth.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['from']);
    const reversed = await gateway.call('GET', '/revenue?from=2026-06&to=2026-05');
    expect(reversed).toMatchObject({ status: 400, body: { type: problemType('validation-failed') } });
    expect((reversed.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['to']);
    expect((await gateway.call('GET', '/revenue?from=2020-01&to=2026-01')).status).toBe(400);
  });

  it("gives a tenant admin its own billing summary and not another tenant's", async () => {
    const { gateway } = stack;
    const admin = (await gateway.issueKey('tenant-admin', tenant)).key;
    const summary = await gateway.call('GET', `/tenants/${tenant}/billing-summary`, { key: admin });
    expect(summary).toMatchObject({ status: 200, body: { tenantId: tenant, planId: 'starter', currency: 'USD', mrr: '29.00', canceled: false } });
    expect(summary.body['unpaidInvoices']).toBeGreaterThanOrEqual(2);
    expect(summary.body['lastInvoice']).toMatchObject({ paymentStatus: 'pending' });
    expect(Number(summary.body['overdueDays'])).toBeGreaterThanOrEqual(0);
    expect((await gateway.call('GET', `/tenants/${other}/billing-summary`, { key: admin })).body['type']).toBe(problemType('tenant-not-found'));
    expect((await gateway.call('GET', `/tenants/${other}/billing-summary`)).body).toMatchObject({ planId: 'growth', mrr: '99.00' });
  });

  it('documents the PDF as application/pdf, and the revenue and summary answers, in the OpenAPI document', async () => {
    const document = (await (await fetch(`${stack.gateway.url}/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    const pdfRoute = document.paths['/api/v1/platform/invoices/{invoiceId}/pdf']?.['get'];
    expect(pdfRoute?.operationId).toBe('getInvoicePdf');
    expect(Object.keys(pdfRoute?.responses['200']?.content ?? {})).toEqual(['application/pdf']);
    expect(Object.keys(pdfRoute?.responses ?? {})).toEqual(expect.arrayContaining(['404', '409']));
    expect(document.paths['/api/v1/platform/revenue']?.['get']?.operationId).toBe('getRevenue');
    expect(document.paths['/api/v1/platform/tenants/{id}/billing-summary']?.['get']?.operationId).toBe('getBillingSummary');
  });
});
