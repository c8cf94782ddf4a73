// Revenue reporting, the billing summary and invoice PDFs against the real broker and database,
// billing in-process with a ManualClock: a scripted history of six tenants (trial conversion, an
// expired trial, a downgrade, an upgrade, a deactivation and a reactivation, two currencies) gives
// the hand-computed MRR table; a finalized invoice's PDF reads back (pdftotext) with its lines and
// totals; drafts, unknown ids and other tenants' invoices are refused.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, pdfToText, produce, testKafka, waitFor } from '@tenantry/testing';
import { CONSUMER_GROUPS } from '../src/service';
import { EndTrialsCommand } from '../src/subscriptions/usecases/end-trials/end-trials.command';
import { EndTrialsUseCase } from '../src/subscriptions/usecases/end-trials/end-trials.use-case';
import { Problem, RunningBilling, startBilling } from './billing-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const card = (number: string) => ({ number, expMonth: 12, expYear: 2030 });

function tenantCreated(tenantId: string, name: string, plan: { id: string; trial?: boolean; duration?: number }, createdAt: string, currency = 'USD'): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: plan.id, trial: plan.trial ?? false, ...(plan.duration ? { duration: plan.duration } : {}) },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt,
  };
}

const status = (tenantId: string, from: string, to: string, at: string) => ({ tenantId, from, to, actor: 'system', at }) as EventPayload<'TenantDeactivated'>;


describe('revenue, billing summary and invoice PDFs (int)', () => {
  let billing: RunningBilling;
  // A starter from 10 Jan (20 % tax, usage). B growth in EUR from 1 Jan. C starter trial from 20 Jan to 3 Feb, with a card: converts.
  // D growth from 5 Jan, downgraded to starter on 10 Feb (from 1 Mar), deactivated 5 Mar, activated again 8 Apr.
  // E starter from 2 Feb, upgraded to enterprise on 20 Mar. F starter trial from 22 Jan, no card: expires, never pays.
  const [A, B, C, D, E, F] = Array.from({ length: 6 }, () => randomUUID()) as [string, string, string, string, string, string];
  let invoiceA: { id: string; number: string; lines: { description: string; quantity: string; amount: string }[]; subtotal: string; tax: string; total: string };

  const tenantsCaughtUp = () => waitFor(async () => ((await caughtUp(kafka, billing.groupPrefix + CONSUMER_GROUPS.tenants, TOPICS.TENANT_LIFECYCLE.name)) ? true : undefined), { timeoutMs: 30_000, what: 'billing to read the lifecycle' });

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-01-25T00:00:00.000Z'), {}, { skipBacklog: true });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', tenantCreated(A, 'Acme Rockets', { id: 'starter' }, '2026-01-10T09:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(B, 'Bäckerei Berg', { id: 'growth' }, '2026-01-01T12:00:00.000Z', 'EUR')),
      eventMessage('TenantCreated', tenantCreated(C, 'Cobalt', { id: 'starter', trial: true, duration: 14 }, '2026-01-20T00:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(D, 'Delta', { id: 'growth' }, '2026-01-05T00:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(E, 'Echo', { id: 'starter' }, '2026-02-02T00:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(F, 'Foxtrot', { id: 'starter', trial: true, duration: 14 }, '2026-01-22T00:00:00.000Z')),
    ]);
    for (const tenant of [A, B, C, D, E, F]) await billing.api.awaitSubscription(tenant);
    expect((await billing.api.updateSubscription(A, { taxRate: '0.2' })).status).toBe(200);
    expect((await billing.api.attachPaymentMethod(C, card('4242424242424242'))).status).toBe(201);
    await produce(kafka, TOPICS.METERING_USAGE.name, [
      eventMessage('UsageRecorded', { tenantId: A, eventId: 'a-1', metric: 'api_calls', quantity: '148600', timestamp: '2026-01-20T10:00:00.000Z', source: 'api' }),
    ]);
    await waitFor(async () => ((await caughtUp(kafka, billing.groupPrefix + CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name)) ? true : undefined), { timeoutMs: 30_000, what: 'billing to count the usage' });

    // 5 Feb: the trials end (C converts, F expires) and January is invoiced and finalized (grace over on 4 Feb).
    billing.clock.set(new Date('2026-02-05T00:00:00.000Z'));
    const ended = await billing.app.get(EndTrialsUseCase).execute(new EndTrialsCommand(billing.clock.now()));
    expect(Object.fromEntries(ended.map((e) => [e.tenantId, e.outcome]))).toEqual({ [C]: 'converted', [F]: 'expired' });
    await billing.api.billingRun();
    const finalized = (await billing.api.invoices(A, { status: 'finalized' })).body.invoices;
    expect(finalized).toHaveLength(1);
    invoiceA = finalized[0] as typeof invoiceA;

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantPlanChanged', { tenantId: D, fromPlanId: 'growth', toPlanId: 'starter', at: '2026-02-10T09:00:00.000Z' }),
      eventMessage('TenantDeactivated', status(D, 'active', 'inactive', '2026-03-05T00:00:00.000Z')),
      eventMessage('TenantActivated', status(D, 'inactive', 'active', '2026-04-08T00:00:00.000Z')),
      eventMessage('TenantPlanChanged', { tenantId: E, fromPlanId: 'starter', toPlanId: 'enterprise', at: '2026-03-20T00:00:00.000Z' }),
      // A suspension and its reactivation are neither churn nor reactivation.
      eventMessage('TenantSuspended', status(A, 'active', 'suspended', '2026-03-10T00:00:00.000Z')),
      eventMessage('TenantReactivated', status(A, 'suspended', 'active', '2026-03-12T00:00:00.000Z')),
    ]);
    await tenantsCaughtUp();
  });

  afterAll(async () => {
    await billing?.stop();
  });

  it('reports MRR, ARR and the movements of each month per currency, matching the hand-computed table', async () => {
    const answer = await billing.api.revenue({ from: '2026-01', to: '2026-04' });
    expect(answer.status).toBe(200);
    const rows = answer.body.months.flatMap((m) => m.currencies.map((c) => [m.month, c.currency, c.startMrr, c.new, c.expansion, c.contraction, c.churn, c.reactivation, c.endMrr, c.endArr]));
    // month     cur    start    new      exp     contr  churn  react  end       ARR
    expect(rows).toEqual([
      ['2026-01', 'EUR', '0.00', '99.00', '0.00', '0.00', '0.00', '0.00', '99.00', '1188.00'], // B new
      ['2026-01', 'USD', '0.00', '128.00', '0.00', '0.00', '0.00', '0.00', '128.00', '1536.00'], // A 29 + D 99 new; C, F on trial
      ['2026-02', 'EUR', '99.00', '0.00', '0.00', '0.00', '0.00', '0.00', '99.00', '1188.00'],
      ['2026-02', 'USD', '128.00', '58.00', '0.00', '70.00', '0.00', '0.00', '116.00', '1392.00'], // C converts + E new; D 99 → 29 on 1 Mar; F expired: 0
      ['2026-03', 'EUR', '99.00', '0.00', '0.00', '0.00', '0.00', '0.00', '99.00', '1188.00'],
      ['2026-03', 'USD', '116.00', '0.00', '970.00', '0.00', '29.00', '0.00', '1057.00', '12684.00'], // E 29 → 999; D deactivated
      ['2026-04', 'EUR', '99.00', '0.00', '0.00', '0.00', '0.00', '0.00', '99.00', '1188.00'],
      ['2026-04', 'USD', '1057.00', '0.00', '0.00', '0.00', '0.00', '29.00', '1086.00', '13032.00'], // D back
    ]);
    for (const month of answer.body.months) {
      for (const c of month.currencies) {
        const computed = Number(c.startMrr) + Number(c.new) + Number(c.expansion) + Number(c.reactivation) - Number(c.contraction) - Number(c.churn);
        expect(computed.toFixed(2)).toBe(c.endMrr);
        expect(c.startArr).toBe((Number(c.startMrr) * 12).toFixed(2));
      }
    }
  });

  it('refuses a bad range with 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2026-05', to: '2026-04' }, 'to'],
      [{ from: '2026-13', to: '2026-04' }, 'from'],
      [{ from: '2026-1', to: '2026-04' }, 'from'],
      [{ from: '2026-01' }, 'to'],
      [{ from: '2023-01', to: '2026-01' }, 'to'],
    ];
    for (const [query, field] of cases) {
      const answer = await billing.api.revenue(query);
      expect({ query, status: answer.status, contentType: answer.contentType }).toEqual({ query, status: 400, contentType: expect.stringContaining('application/problem+json') });
      expect((answer.body as unknown as Problem).errors?.map((e) => e.field)).toContain(field);
    }
    expect((await billing.api.revenue({ from: '2023-02', to: '2026-01' })).status).toBe(200);
  });

  it('renders a finalized invoice as a PDF with the brand, number, lines and totals, the same bytes each time', async () => {
    expect(invoiceA).toMatchObject({ subtotal: '44.88', tax: '8.98', total: '53.86' });
    const answer = await billing.api.invoicePdf(invoiceA.id);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/pdf', contentDisposition: `inline; filename="${invoiceA.number}.pdf"` });
    const text = pdfToText(answer.body);
    for (const expected of ['Acme Rockets', `Invoice ${invoiceA.number}`, 'Issue date: 2026-02-05', 'Due date: 2026-02-19', 'Billing period: 2026-01-01 to 2026-01-31', 'Currency: USD', 'Payment status: awaiting payment']) {
      expect(text).toContain(expected);
    }
    expect(invoiceA.lines.map((l) => l.amount)).toEqual(['20.58', '24.30']);
    for (const line of invoiceA.lines) expect(text).toMatch(new RegExp(`${line.description.replace(/[()/]/g, '\\$&')}\\s+${line.quantity}\\s+\\S+\\s+${line.amount.replace('.', '\\.')}`));
    expect(text).toMatch(/Subtotal\s+44\.88/);
    expect(text).toMatch(/Tax \(20%\)\s+8\.98/);
    expect(text).toMatch(/Total USD\s+53\.86/);
    expect((await billing.api.invoicePdf(invoiceA.id, A)).body.equals(answer.body)).toBe(true);
  });

  it('answers 409 for a draft, 404 for an unknown invoice and for another tenant', async () => {
    billing.clock.set(new Date('2026-03-02T00:00:00.000Z'));
    await billing.api.billingRun();
    const [draft] = (await billing.api.invoices(A, { status: 'draft' })).body.invoices;
    if (!draft) throw new Error('the February draft is missing');
    const refused = await billing.api.invoicePdf(draft.id);
    expect(refused.status).toBe(409);
    expect(JSON.parse(refused.body.toString())).toMatchObject({ type: expect.stringContaining('invoice-not-finalized') });
    expect((await billing.api.invoicePdf(randomUUID())).status).toBe(404);
    expect((await billing.api.invoicePdf(invoiceA.id, B)).status).toBe(404);
  });

  it("sums up a tenant's billing: plan, MRR, what it owes and how late, its last invoice", async () => {
    billing.clock.set(new Date('2026-03-02T00:00:00.000Z'));
    const summary = await billing.api.billingSummary(A);
    expect(summary).toMatchObject({
      status: 200,
      body: {
        tenantId: A, planId: 'starter', status: 'active', canceled: false, currency: 'USD', mrr: '29.00',
        outstanding: '53.86', unpaidInvoices: 1, overdueDays: 11,
        lastInvoice: { id: invoiceA.id, number: invoiceA.number, total: '53.86', paymentStatus: 'pending', dueAt: '2026-02-19T00:00:00.000Z' },
      },
    });
    billing.clock.set(new Date('2026-03-06T00:00:00.000Z'));
    expect((await billing.api.billingSummary(D)).body).toMatchObject({ canceled: true, mrr: '0.00' });
    expect((await billing.api.billingSummary(F)).body).toMatchObject({ status: 'canceled', canceled: true, mrr: '0.00' });
    expect((await billing.api.billingSummary(randomUUID())).status).toBe(404);
  });

  it('bills no day a tenant is deactivated, makes no invoice for a month it is canceled all through, and bills again from a reactivation', async () => {
    const invoiceOf = async (tenantId: string, periodStart: string) => (await billing.api.invoices(tenantId)).body.invoices.find((i) => i.periodStart === periodStart);
    const baseOf = (invoice: { lines: { kind: string; quantity: string; amount: string }[] } | undefined) => invoice?.lines.filter((l) => l.kind === 'base').map((l) => [l.quantity, l.amount]);
    billing.clock.set(new Date('2026-05-05T00:00:00.000Z'));
    await billing.api.billingRun();
    // D (starter from 1 Mar): deactivated 5 Mar → 1–4 March billed, 29 × 4/31 = 3.741… → 3.74; activated again 8 Apr → 8–30 April, 29 × 23/30 = 22.233… → 22.23.
    expect(baseOf(await invoiceOf(D, '2026-03-01T00:00:00.000Z'))).toEqual([['4', '3.74']]);
    expect(baseOf(await invoiceOf(D, '2026-04-01T00:00:00.000Z'))).toEqual([['23', '22.23']]);
    // F's trial expired unpaid on 5 Feb: canceled since, no invoice for any month after it.
    expect((await billing.api.invoices(F)).body.invoices.filter((i) => i.periodStart >= '2026-02-01')).toEqual([]);
    expect((await billing.api.billingSummary(F)).body).toMatchObject({ status: 'canceled' });

    // An operator reactivates F on 10 May: billing resumes from that day (10–31 May, 29 × 22/31 = 20.580… → 20.58); February to April stay unbilled.
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantReactivated', status(F, 'inactive', 'active', '2026-05-10T00:00:00.000Z'))]);
    await tenantsCaughtUp();
    expect((await billing.api.billingSummary(F)).body).toMatchObject({ status: 'active' });
    billing.clock.set(new Date('2026-06-05T00:00:00.000Z'));
    expect((await billing.api.billingSummary(F)).body).toMatchObject({ status: 'active', canceled: false });
    await billing.api.billingRun();
    expect(baseOf(await invoiceOf(F, '2026-05-01T00:00:00.000Z'))).toEqual([['22', '20.58']]);
    expect((await billing.api.invoices(F)).body.invoices.filter((i) => i.periodStart >= '2026-02-01' && i.periodStart < '2026-05-01')).toEqual([]);
  });
});
