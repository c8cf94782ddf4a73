// Invoice corrections against the real broker and database, billing in-process with a ManualClock and
// the sandbox provider, over four months: voiding (the number kept, no gap, no more collection),
// credit notes (over the remaining amount refused and nothing changed; a credit applied to the next
// invoices to the cent with the leftover carried forward; a refund through the sandbox once for a
// retried Idempotency-Key), late usage (into the draft within grace; an adjustment line on the next
// invoices after finalization; three periods late ignored and logged) and tenant isolation.
import { randomUUID } from 'node:crypto';
import type { Logger } from '@tenantry/observability';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { LOGGER } from '@tenantry/service';
import { caughtUp, eventMessage, produce, readTopic, ReceivedMessage, testKafka, waitFor } from '@tenantry/testing';
import { CONSUMER_GROUPS } from '../src/service';
import { Problem, RunningBilling, startBilling } from './billing-client';

jest.setTimeout(120_000);

const kafka = testKafka();

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `Tenant ${tenantId.slice(0, 8)}`, domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false }, adminEmail: 'ops@example.com', configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: '2026-01-01T00:00:00.000Z',
  };
}

const apiCalls = (tenantId: string, quantity: string, timestamp: string): EventPayload<'UsageRecorded'> => ({ tenantId, eventId: randomUUID(), metric: 'api_calls', quantity, timestamp, source: 'api' });
const events = (type: string, field: string, value: string) => (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && JSON.parse(m.value ?? '{}')[field] === value);
const lines = (invoice: { lines: { kind: string; quantity: string; amount: string; adjustsPeriod?: string }[] } | undefined) => invoice?.lines.map((l) => [l.kind, l.quantity, l.amount, l.adjustsPeriod ?? null]);

describe('billing invoice corrections (int)', () => {
  let billing: RunningBilling;
  // Every tenant on starter (29.00 a month, api_calls 0.0005 after 100,000 included) from 1 January.
  // V: voided. C: credit notes (20 % tax in January). R: pays, then a refund. L: late usage.
  const [V, C, R, L] = Array.from({ length: 4 }, () => randomUUID()) as [string, string, string, string];
  const january: Record<string, string> = {};

  const usageCaughtUp = () => waitFor(async () => ((await caughtUp(kafka, billing.groupPrefix + CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name)) ? true : undefined), { timeoutMs: 30_000, what: 'billing to count the usage' });
  const runAt = async (at: string) => {
    billing.clock.set(new Date(at));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
  };
  const invoiceOf = async (tenantId: string, periodStart: string) => (await billing.api.invoices(tenantId)).body.invoices.find((i) => i.periodStart === periodStart);
  const count = async (sql: string, params: unknown[]) => ((await billing.dataSource.query(sql, params)) as [{ n: number }])[0].n;

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-01-05T00:00:00.000Z'), { SANDBOX_SETTLE_DELAY_MS: '50', PAYMENT_COLLECTION_INTERVAL_MS: '3600000' });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [V, C, R, L].map((id) => eventMessage('TenantCreated', tenantCreated(id))));
    for (const id of [V, C, R, L]) await billing.api.awaitSubscription(id);
    expect(await billing.api.updateSubscription(C, { taxRate: '0.2' })).toMatchObject({ status: 200 });
  });

  afterAll(async () => {
    await billing?.stop();
  });

  it('takes late usage into the draft within the grace window, then finalizes', async () => {
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', apiCalls(L, '150000', '2026-01-10T00:00:00.000Z'))]);
    await usageCaughtUp();
    await runAt('2026-02-02T00:00:00.000Z');
    expect(await invoiceOf(L, '2026-01-01T00:00:00.000Z')).toMatchObject({ status: 'draft', total: '54.00' }); // 29.00 + 50,000 × 0.0005

    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', apiCalls(L, '10000', '2026-01-31T23:00:00.000Z'))]);
    await usageCaughtUp();
    await runAt('2026-02-03T00:00:00.000Z');
    const draft = await invoiceOf(L, '2026-01-01T00:00:00.000Z');
    expect(draft).toMatchObject({ status: 'draft', total: '59.00' });
    expect(lines(draft)).toEqual([['base', '31', '29.00', null], ['usage', '160000', '30.00', null]]);

    await runAt('2026-02-05T00:00:00.000Z');
    for (const id of [V, C, R, L]) {
      const invoice = await invoiceOf(id, '2026-01-01T00:00:00.000Z');
      expect(invoice).toMatchObject({ status: 'finalized', paymentStatus: 'pending', creditNotes: [], voidedAt: null });
      january[id] = invoice?.id as string;
    }
    expect((await billing.api.invoice(january[C] as string)).body).toMatchObject({ subtotal: '29.00', tax: '5.80', total: '34.80' });
    expect((await billing.api.invoice(january[L] as string)).body).toMatchObject({ total: '59.00' });
  });

  it('voids a finalized, unpaid invoice: it keeps its number, is no longer collected or payable, publishes InvoiceVoided; the same key answers again', async () => {
    const invoiceId = january[V] as string;
    const before = (await billing.api.invoice(invoiceId)).body;
    expect(await count(`SELECT count(*)::int AS n FROM collections WHERE invoice_id = $1`, [invoiceId])).toBe(1);

    const voided = await billing.api.voidInvoice(invoiceId, 'void-v-1');
    expect(voided).toMatchObject({ status: 200, body: { id: invoiceId, status: 'voided', number: before.number, total: '29.00', voidedAt: '2026-02-05T00:00:00.000Z' } });
    expect(await billing.api.voidInvoice(invoiceId, 'void-v-1')).toMatchObject({ status: 200, body: { id: invoiceId, status: 'voided', number: before.number } });
    const again = await billing.api.voidInvoice(invoiceId, 'void-v-2');
    expect(again).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-voidable'), detail: expect.stringContaining('voided already') } });

    expect(await count(`SELECT count(*)::int AS n FROM collections WHERE invoice_id = $1`, [invoiceId])).toBe(0);
    expect(await billing.api.payInvoice(invoiceId)).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-payable') } });
    expect(await billing.api.issueCreditNote(invoiceId, { reason: 'duplicate', amount: '1.00' })).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-creditable') } });

    // Numbering stays gapless: every number from INV-000001 up is used once, the voided one included.
    const numbers = ((await billing.dataSource.query(`SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number`)) as { number: string }[]).map((r) => r.number);
    expect(numbers).toEqual(numbers.map((_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    expect(numbers).toContain(before.number);

    const published = events('InvoiceVoided', 'invoiceId', invoiceId)(await readTopic(kafka, TOPICS.BILLING.name, (all) => events('InvoiceVoided', 'invoiceId', invoiceId)(all).length > 0, { settleMs: 500 }));
    expect(published.map((m) => JSON.parse(m.value ?? '{}'))).toEqual([{ tenantId: V, invoiceId, number: before.number, amountMinor: 2900, currency: 'USD', voidedAt: '2026-02-05T00:00:00.000Z' }]);
  });

  it('refuses a credit note over the remaining amount or with bad input, naming the field, and changes nothing', async () => {
    const invoiceId = january[C] as string;
    const over = await billing.api.issueCreditNote(invoiceId, { reason: 'order_change', amount: '34.81' });
    expect(over).toMatchObject({ status: 409, body: { type: expect.stringContaining('credit-exceeds-remaining'), field: 'amount', remainingCreditable: '34.80' } });
    const cases: [unknown, string][] = [
      [{ reason: 'whim', amount: '1.00' }, 'reason'],
      [{ amount: '1.00' }, 'reason'],
      [{ reason: 'other', amount: 'ten' }, 'amount'],
      [{ reason: 'other', amount: 5 }, 'amount'],
      [{ reason: 'other', amount: '-1.00' }, 'amount'],
      [{ reason: 'other', amount: '0' }, 'amount'],
      [{ reason: 'other', amount: '1.005' }, 'amount'],
      [{ reason: 'other', amount: '1.00', method: 'cash' }, 'method'],
    ];
    for (const [body, field] of cases) {
      const answer = await billing.api.issueCreditNote(invoiceId, body);
      expect({ field, status: answer.status, contentType: answer.contentType }).toEqual({ field, status: 400, contentType: expect.stringContaining('application/problem+json') });
      expect((answer.body as unknown as Problem).errors?.map((e) => e.field)).toContain(field);
    }
    const refund = await billing.api.issueCreditNote(invoiceId, { reason: 'other', amount: '1.00', method: 'refund' });
    expect(refund).toMatchObject({ status: 409, body: { type: expect.stringContaining('refund-not-possible'), field: 'method' } });
    expect(await count(`SELECT count(*)::int AS n FROM credit_notes`, [])).toBe(0);
    expect((await billing.api.creditNotes(invoiceId)).body).toEqual({ creditNotes: [], remainingCreditable: '34.80' });
  });

  it('issues credit notes with gapless CN numbers up to the remaining amount, once per Idempotency-Key, shown on the invoice', async () => {
    const invoiceId = january[C] as string;
    const first = await billing.api.issueCreditNote(invoiceId, { reason: 'product_unsatisfactory', amount: '12.34', memo: 'outage on 12 January' }, 'cn-c-1');
    expect(first).toMatchObject({ status: 201, body: { invoiceId, tenantId: C, number: 'CN-000001', amount: '12.34', currency: 'USD', method: 'credit', refundStatus: null, reason: 'product_unsatisfactory', idempotencyKey: 'cn-c-1' } });
    expect(await billing.api.issueCreditNote(invoiceId, { reason: 'product_unsatisfactory', amount: '12.34' }, 'cn-c-1')).toMatchObject({ status: 201, body: { id: first.body.id, number: 'CN-000001' } });
    expect(await billing.api.issueCreditNote(invoiceId, { reason: 'order_change', amount: '22.47' })).toMatchObject({ status: 409, body: { remainingCreditable: '22.46' } });
    const second = await billing.api.issueCreditNote(invoiceId, { reason: 'order_change', amount: '22.46' }, 'cn-c-2');
    expect(second).toMatchObject({ status: 201, body: { number: 'CN-000002', amount: '22.46' } });

    expect((await billing.api.creditNotes(invoiceId)).body).toMatchObject({ remainingCreditable: '0.00', creditNotes: [{ number: 'CN-000001' }, { number: 'CN-000002' }] });
    expect((await billing.api.invoice(invoiceId)).body).toMatchObject({ status: 'finalized', total: '34.80', creditNotes: [
      { id: first.body.id, number: 'CN-000001', method: 'credit', amount: '12.34' }, { id: second.body.id, number: 'CN-000002', method: 'credit', amount: '22.46' },
    ] });
    // Tenant-scoped reads: C's path finds it, another tenant's path answers 404.
    expect((await billing.api.tenantCreditNotes(C, invoiceId)).status).toBe(200);
    expect(await billing.api.tenantCreditNotes(R, invoiceId)).toMatchObject({ status: 404, body: { type: expect.stringContaining('invoice-not-found') } });
    expect(await billing.api.voidInvoice(invoiceId)).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-voidable'), detail: expect.stringContaining('credit notes') } });
    // Issued is final, even for the database.
    await expect(billing.dataSource.query(`UPDATE credit_notes SET amount = 1 WHERE id = $1`, [first.body.id])).rejects.toThrow(/cannot change/);

    const issued = events('CreditNoteIssued', 'invoiceId', invoiceId)(await readTopic(kafka, TOPICS.BILLING.name, (all) => events('CreditNoteIssued', 'invoiceId', invoiceId)(all).length >= 2, { settleMs: 500 }));
    expect(issued.map((m) => JSON.parse(m.value ?? '{}'))).toEqual([
      expect.objectContaining({ tenantId: C, creditNoteId: first.body.id, number: 'CN-000001', method: 'credit', reason: 'product_unsatisfactory', amountMinor: 1234, currency: 'USD' }),
      expect.objectContaining({ creditNoteId: second.body.id, number: 'CN-000002', amountMinor: 2246 }),
    ]);
  });

  it('refunds a paid invoice through the sandbox provider once, however often the same Idempotency-Key is sent; a paid invoice cannot be voided', async () => {
    const invoiceId = january[R] as string;
    expect(await billing.api.attachPaymentMethod(R, { number: '4242424242424242', expMonth: 12, expYear: 2030 })).toMatchObject({ status: 201 });
    expect(await billing.api.payInvoice(invoiceId, 'pay-r-jan')).toMatchObject({ status: 202 });
    await billing.api.awaitPaymentStatus(invoiceId, 'succeeded');
    expect(await billing.api.voidInvoice(invoiceId)).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-voidable'), detail: expect.stringContaining('paid') } });

    const answers = await Promise.all([1, 2, 3].map(() => billing.api.issueCreditNote(invoiceId, { reason: 'duplicate', amount: '10.00', method: 'refund' }, 'refund-r-1')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const note = (await billing.api.issueCreditNote(invoiceId, { reason: 'duplicate', amount: '10.00', method: 'refund' }, 'refund-r-1')).body;
    expect(note).toMatchObject({ id: answers[0]?.body.id, method: 'refund', refundStatus: 'succeeded', amount: '10.00', number: 'CN-000003' });

    const refunds = (await billing.dataSource.query(
      `SELECT r.amount_minor::int AS amount, r.currency, r.charge_id = p.provider_charge_id AS "ofThePayment" FROM sandbox_refunds r, payments p WHERE p.invoice_id = $1 AND p.status = 'succeeded'`,
      [invoiceId],
    )) as unknown[];
    expect(refunds).toEqual([{ amount: 1000, currency: 'USD', ofThePayment: true }]);
    expect(await count(`SELECT count(*)::int AS n FROM credit_notes WHERE invoice_id = $1`, [invoiceId])).toBe(1);
    expect((await billing.api.creditNotes(invoiceId)).body.remainingCreditable).toBe('19.00');
  });

  it("applies a credit to the tenant's next invoices to the cent, never below zero, carrying the rest forward; refunds are not credited", async () => {
    expect(await billing.api.updateSubscription(C, { taxRate: '0' })).toMatchObject({ status: 200 });
    // Late January usage after January was finalized: billed on February's invoice.
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', apiCalls(L, '20000', '2026-01-20T00:00:00.000Z'))]);
    await usageCaughtUp();

    await runAt('2026-03-01T00:00:00.000Z');
    const febC = await invoiceOf(C, '2026-02-01T00:00:00.000Z');
    expect(lines(febC)).toEqual([['base', '28', '29.00', null], ['usage', '0', '0.00', null], ['credit_applied', '1', '-29.00', null]]);
    expect(febC).toMatchObject({ status: 'draft', subtotal: '29.00', tax: '0.00', total: '0.00' });
    // The void cannot touch a draft.
    expect(await billing.api.voidInvoice(febC?.id as string)).toMatchObject({ status: 409, body: { detail: expect.stringContaining('draft') } });

    await runAt('2026-03-05T00:00:00.000Z');
    expect((await billing.api.invoice(febC?.id as string)).body).toMatchObject({ status: 'finalized', total: '0.00', paymentStatus: null });
    expect(await invoiceOf(R, '2026-02-01T00:00:00.000Z')).toMatchObject({ status: 'finalized', total: '29.00' });
    // (For the late-usage case below: 2,000 more January calls after February was finalized, two periods back from March.)
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', apiCalls(L, '2000', '2026-01-22T00:00:00.000Z'))]);
    await usageCaughtUp();

    await runAt('2026-04-01T00:00:00.000Z');
    await runAt('2026-04-05T00:00:00.000Z');
    // 34.80 of credit: 29.00 used in February, the 5.80 left in March.
    const marC = await invoiceOf(C, '2026-03-01T00:00:00.000Z');
    expect(lines(marC)).toEqual([['base', '31', '29.00', null], ['usage', '0', '0.00', null], ['credit_applied', '1', '-5.80', null]]);
    expect(marC).toMatchObject({ status: 'finalized', total: '23.20', paymentStatus: 'pending' });
  });

  it('bills usage that arrives after finalization as adjustment lines on the next invoices (re-rated, less what was billed), and ignores and logs usage three periods late', async () => {
    // January was invoiced with 160,000 calls (30.00); 20,000 more came after → 180,000: 80,000 × 0.0005 = 40.00, so +10.00 on February's invoice.
    const febL = await invoiceOf(L, '2026-02-01T00:00:00.000Z');
    expect(lines(febL)).toEqual([['base', '28', '29.00', null], ['usage', '0', '0.00', null], ['adjustment', '20000', '10.00', '2026-01-01']]);
    expect(febL).toMatchObject({ status: 'finalized', total: '39.00' });
    expect(febL?.lines[2]).toMatchObject({ metric: 'api_calls', planId: 'starter', description: 'api_calls late usage for 2026-01 (+20000)' });

    // 2,000 more January calls came after February was finalized (January is two periods before March): 182,000 → 41.00 − 30.00 − 10.00 = 1.00 on March's invoice.
    const marL = await invoiceOf(L, '2026-03-01T00:00:00.000Z');
    expect(lines(marL)).toEqual([['base', '31', '29.00', null], ['usage', '0', '0.00', null], ['adjustment', '2000', '1.00', '2026-01-01']]);
    expect(marL).toMatchObject({ status: 'finalized', total: '30.00' });

    // Now April is the earliest open period: January is three periods back. Its late usage is logged and ignored.
    const logger = billing.app.get<Logger>(LOGGER);
    const warn = jest.spyOn(logger, 'warn');
    const totalOfJanuary = () => billing.dataSource.query(`SELECT value::text AS value FROM usage_totals WHERE tenant_id = $1 AND period_start = '2026-01-01' AND metric = 'api_calls'`, [L]);
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', apiCalls(L, '5000', '2026-01-25T00:00:00.000Z'))]);
    await usageCaughtUp();
    expect(await totalOfJanuary()).toEqual([{ value: '182000' }]);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ tenantId: L, period: '2026-01', metric: 'api_calls', billableFrom: '2026-02' }), 'late usage older than the adjustable periods ignored');
    warn.mockRestore();
    await runAt('2026-05-01T00:00:00.000Z');
    expect((await invoiceOf(L, '2026-04-01T00:00:00.000Z'))?.lines.filter((l) => l.kind === 'adjustment')).toEqual([]);
  });

  it('spends a credit once when one billing run closes and finalizes two periods of the tenant', async () => {
    const D = randomUUID();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', { ...tenantCreated(D), createdAt: '2026-05-01T00:00:00.000Z' })]);
    await billing.api.awaitSubscription(D);
    expect(await billing.api.updateSubscription(D, { taxRate: '0' })).toMatchObject({ status: 200 });
    await runAt('2026-06-05T00:00:00.000Z');
    const may = await invoiceOf(D, '2026-05-01T00:00:00.000Z');
    expect(may).toMatchObject({ status: 'finalized', total: '29.00' });
    expect(await billing.api.issueCreditNote(may?.id as string, { reason: 'duplicate', amount: '29.00', method: 'credit' }, `credit-d-${D}`)).toMatchObject({ status: 201 });

    // June and July end unbilled, both past their grace window: one run drafts and finalizes both. 29.00 of credit covers June, not July too.
    await runAt('2026-08-05T00:00:00.000Z');
    const june = await invoiceOf(D, '2026-06-01T00:00:00.000Z');
    const july = await invoiceOf(D, '2026-07-01T00:00:00.000Z');
    expect([june?.status, july?.status]).toEqual(['finalized', 'finalized']);
    expect(lines(june)?.find((l) => l[0] === 'credit_applied')).toEqual(['credit_applied', '1', '-29.00', null]);
    expect(june?.total).toBe('0.00');
    expect(lines(july)?.find((l) => l[0] === 'credit_applied')).toBeUndefined();
    expect(july?.total).toBe('29.00');
  });
});
