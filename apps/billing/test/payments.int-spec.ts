// Payments against the real broker and database, billing in-process with a ManualClock and the
// sandbox provider: each sandbox card's behaviour, tokenization (no card number in any table or
// answer), the same Idempotency-Key collecting once, InvoicePaid / InvoiceFailed on Kafka with the
// state change, a failed invoice paid by a second attempt, tenant-scoped payment methods, bad input,
// making another card the default, and the payment-method events (PaymentMethodAttached,
// DefaultPaymentMethodChanged, PaymentMethodRemoved) committed with each change.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, testKafka } from '@tenantry/testing';
import { Problem, RunningBilling, startBilling } from './billing-client';

jest.setTimeout(90_000);

const kafka = testKafka();
const CARDS = { good: '4242424242424242', chargeDeclined: '4000000000000341', insufficientFunds: '4000000000009995', declinedAtAttach: '4000000000000002' };
const card = (number: string, extra: Record<string, unknown> = {}) => ({ number, expMonth: 12, expYear: 2030, cvc: '123', ...extra });

function tenantCreated(tenantId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: '2026-04-01T00:00:00.000Z',
  };
}

const billingEvents = (type: string, invoiceId: string) => (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && JSON.parse(m.value ?? '{}').invoiceId === invoiceId);

describe('billing payments (int)', () => {
  let billing: RunningBilling;
  // Each on starter from 1 April: a finalized April invoice of 29.00 once the grace window is over.
  const [GOOD, DECLINED, BROKE, OTHER, NONE] = Array.from({ length: 5 }, () => randomUUID()) as [string, string, string, string, string];
  const invoiceOf: Record<string, string> = {};

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-04-14T09:00:00.000Z'), { SANDBOX_SETTLE_DELAY_MS: '50', PAYMENT_COLLECTION_INTERVAL_MS: '3600000' }); // paying on request only (collection.int-spec has the automatic kind)
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [GOOD, DECLINED, BROKE, OTHER, NONE].map((id) => eventMessage('TenantCreated', tenantCreated(id))));
    for (const id of [GOOD, DECLINED, BROKE, OTHER, NONE]) await billing.api.awaitSubscription(id);
    billing.clock.set(new Date('2026-05-05T00:00:00.000Z'));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
    for (const id of [GOOD, DECLINED, BROKE, OTHER, NONE]) {
      const [invoice] = (await billing.api.invoices(id)).body.invoices;
      expect(invoice).toMatchObject({ status: 'finalized', paymentStatus: 'pending', total: '29.00' });
      invoiceOf[id] = invoice?.id as string;
    }
  });

  afterAll(async () => {
    await billing?.stop();
  });

  it('refuses bad card input with problem+json naming the field, without echoing the number, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [card('4242'), 'number'],
      [card('4242-4242-4242-4242'), 'number'],
      [{ expMonth: 12, expYear: 2030 }, 'number'],
      [card(CARDS.good, { expMonth: 13 }), 'expMonth'],
      [card(CARDS.good, { expYear: 30 }), 'expYear'],
      [card(CARDS.good, { cvc: '12' }), 'cvc'],
      [card(CARDS.good, { makeDefault: 'yes' }), 'makeDefault'],
    ];
    for (const [body, field] of cases) {
      const answer = await billing.api.attachPaymentMethod(OTHER, body);
      expect({ field, status: answer.status, contentType: answer.contentType }).toEqual({ field, status: 400, contentType: expect.stringContaining('application/problem+json') });
      expect((answer.body as unknown as Problem).errors?.map((e) => e.field)).toContain(field);
      expect(JSON.stringify(answer.body)).not.toContain(CARDS.good);
    }
    expect((await billing.api.paymentMethods(OTHER)).body.paymentMethods).toEqual([]);
    const badKey = await billing.api.payInvoice(invoiceOf[OTHER] as string, 'x'.repeat(256));
    expect(badKey.status).toBe(400);
    expect((badKey.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['Idempotency-Key']);
  });

  it('declines 4000000000000002 at attach with 402 and keeps nothing', async () => {
    const answer = await billing.api.attachPaymentMethod(OTHER, card(CARDS.declinedAtAttach));
    expect(answer).toMatchObject({ status: 402, body: { type: expect.stringContaining('card-declined'), declineCode: 'card_declined' } });
    expect((await billing.api.paymentMethods(OTHER)).body.paymentMethods).toEqual([]);
  });

  it('charges 4242424242424242 once for the same Idempotency-Key, however often it is sent, and publishes InvoicePaid', async () => {
    const attached = await billing.api.attachPaymentMethod(GOOD, card(CARDS.good));
    expect(attached).toMatchObject({ status: 201, body: { tenantId: GOOD, provider: 'sandbox', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true } });
    expect(JSON.stringify(attached.body)).not.toContain(CARDS.good);

    const invoiceId = invoiceOf[GOOD] as string;
    const answers = await Promise.all([1, 2, 3].map(() => billing.api.payInvoice(invoiceId, 'pay-april-1')));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers[0]?.body).toMatchObject({ invoiceId, amount: '29.00', currency: 'USD', idempotencyKey: 'pay-april-1', attempt: 1, paymentMethodId: attached.body.id });

    expect(await billing.api.awaitPaymentStatus(invoiceId, 'succeeded')).toMatchObject({ status: 'finalized', total: '29.00' });
    const again = await billing.api.payInvoice(invoiceId, 'pay-april-1');
    expect(again).toMatchObject({ status: 202, body: { id: answers[0]?.body.id, status: 'succeeded' } });
    const other = await billing.api.payInvoice(invoiceId, 'pay-april-2');
    expect(other).toMatchObject({ status: 409, body: { type: expect.stringContaining('invoice-not-payable') } });

    const [{ payments }] = (await billing.dataSource.query(`SELECT count(*)::int AS payments FROM payments WHERE invoice_id = $1`, [invoiceId])) as [{ payments: number }];
    const [{ charges }] = (await billing.dataSource.query(`SELECT count(*)::int AS charges FROM sandbox_charges WHERE idempotency_key = $1`, [answers[0]?.body.id])) as [{ charges: number }];
    expect({ payments, charges }).toEqual({ payments: 1, charges: 1 });

    const paid = billingEvents('InvoicePaid', invoiceId)(await readTopic(kafka, TOPICS.BILLING.name, (all) => billingEvents('InvoicePaid', invoiceId)(all).length > 0, { settleMs: 1_000 }));
    expect(paid).toHaveLength(1);
    expect(paid[0]?.key).toBe(GOOD);
    expect(JSON.parse(paid[0]?.value ?? '{}')).toMatchObject({ tenantId: GOOD, invoiceId, amountMinor: 2900, currency: 'USD', paidAt: '2026-05-05T00:00:00.000Z' });
  });

  it('fails 4000000000000341 with card_declined (InvoiceFailed), and a second attempt with a good card pays the invoice (InvoicePaid)', async () => {
    expect(await billing.api.attachPaymentMethod(DECLINED, card(CARDS.chargeDeclined))).toMatchObject({ status: 201, body: { last4: '0341', isDefault: true } });
    const invoiceId = invoiceOf[DECLINED] as string;
    const first = await billing.api.payInvoice(invoiceId);
    expect(first).toMatchObject({ status: 202, body: { status: 'pending', attempt: 1 } });
    await billing.api.awaitPaymentStatus(invoiceId, 'failed');

    const failed = await readTopic(kafka, TOPICS.BILLING.name, (all) => billingEvents('InvoiceFailed', invoiceId)(all).length > 0);
    expect(billingEvents('InvoiceFailed', invoiceId)(failed).map((m) => JSON.parse(m.value ?? '{}'))).toEqual([
      expect.objectContaining({ tenantId: DECLINED, invoiceId, amountMinor: 2900, currency: 'USD', attempt: 1, reason: 'card_declined' }),
    ]);

    const good = await billing.api.attachPaymentMethod(DECLINED, card('4000056655665556', { makeDefault: true }));
    expect(good).toMatchObject({ status: 201, body: { brand: 'visa', last4: '5556', isDefault: true } });
    expect((await billing.api.paymentMethods(DECLINED)).body.paymentMethods.map((m) => [m.last4, m.isDefault])).toEqual([['0341', false], ['5556', true]]);
    const second = await billing.api.payInvoice(invoiceId);
    expect(second).toMatchObject({ status: 202, body: { attempt: 2, paymentMethodId: good.body.id } });
    await billing.api.awaitPaymentStatus(invoiceId, 'succeeded');
    const paid = await readTopic(kafka, TOPICS.BILLING.name, (all) => billingEvents('InvoicePaid', invoiceId)(all).length > 0);
    expect(billingEvents('InvoicePaid', invoiceId)(paid)).toHaveLength(1);
  });

  it('fails 4000000000009995 with insufficient_funds', async () => {
    await billing.api.attachPaymentMethod(BROKE, card(CARDS.insufficientFunds));
    const invoiceId = invoiceOf[BROKE] as string;
    expect((await billing.api.payInvoice(invoiceId)).status).toBe(202);
    await billing.api.awaitPaymentStatus(invoiceId, 'failed');
    const failed = await readTopic(kafka, TOPICS.BILLING.name, (all) => billingEvents('InvoiceFailed', invoiceId)(all).length > 0);
    expect(JSON.parse(billingEvents('InvoiceFailed', invoiceId)(failed)[0]?.value ?? '{}')).toMatchObject({ attempt: 1, reason: 'insufficient_funds' });
  });

  it('refuses to pay without a payment method, or an invoice that is not finalized', async () => {
    expect(await billing.api.payInvoice(invoiceOf[NONE] as string)).toMatchObject({ status: 409, body: { type: expect.stringContaining('no-payment-method') } });
    expect(await billing.api.payInvoice(randomUUID())).toMatchObject({ status: 404 });
    expect((await billing.api.invoice(invoiceOf[NONE] as string)).body.paymentStatus).toBe('pending');
  });

  it("never lists or detaches another tenant's payment methods", async () => {
    const [method] = (await billing.api.paymentMethods(GOOD)).body.paymentMethods;
    expect(method?.last4).toBe('4242');
    expect((await billing.api.paymentMethods(OTHER)).body.paymentMethods).toEqual([]);
    expect(await billing.api.detachPaymentMethod(OTHER, method?.id as string)).toMatchObject({ status: 404, body: { type: expect.stringContaining('payment-method-not-found') } });
    expect((await billing.api.paymentMethods(GOOD)).body.paymentMethods).toHaveLength(1);

    expect((await billing.api.detachPaymentMethod(GOOD, method?.id as string)).status).toBe(204);
    expect((await billing.api.paymentMethods(GOOD)).body.paymentMethods).toEqual([]);
  });

  it('publishes PaymentMethodAttached, DefaultPaymentMethodChanged and PaymentMethodRemoved with each change, makes another card the default (idempotently), and never touches another tenant\'s', async () => {
    const [CARDED, STRANGER] = [randomUUID(), randomUUID()];
    const now = billing.clock.now().toISOString();
    expect((await billing.api.attachPaymentMethod(STRANGER, card(CARDS.declinedAtAttach))).status).toBe(402);
    const first = await billing.api.attachPaymentMethod(CARDED, card(CARDS.good));
    const second = await billing.api.attachPaymentMethod(CARDED, card('4000056655665556', { expMonth: 3, expYear: 2031 }));
    expect([first.body.isDefault, second.body.isDefault]).toEqual([true, false]);
    const [a, b] = [first.body.id, second.body.id];

    // Another tenant's method, an unknown one, a malformed id: nothing changes.
    expect(await billing.api.makeDefaultPaymentMethod(STRANGER, b)).toMatchObject({ status: 404, body: { type: expect.stringContaining('payment-method-not-found'), paymentMethodId: b } });
    expect((await billing.api.makeDefaultPaymentMethod(CARDED, randomUUID())).status).toBe(404);
    expect((await billing.api.makeDefaultPaymentMethod(CARDED, 'not-a-uuid')).status).toBe(400);
    const defaults = async () => (await billing.api.paymentMethods(CARDED)).body.paymentMethods.map((m) => [m.last4, m.isDefault]);
    expect(await defaults()).toEqual([['4242', true], ['5556', false]]);

    const made = await billing.api.makeDefaultPaymentMethod(CARDED, b);
    expect(made).toMatchObject({ status: 200, body: { id: b, tenantId: CARDED, last4: '5556', isDefault: true } });
    expect(await billing.api.makeDefaultPaymentMethod(CARDED, b)).toMatchObject({ status: 200, body: { id: b, isDefault: true } }); // already the default: the same answer, no event
    expect(await defaults()).toEqual([['4242', false], ['5556', true]]);

    expect((await billing.api.detachPaymentMethod(CARDED, b)).status).toBe(204); // the default: the oldest remaining takes over
    expect(await defaults()).toEqual([['4242', true]]);
    expect((await billing.api.detachPaymentMethod(CARDED, a)).status).toBe(204); // the last one: none remains

    const ofTenant = (all: ReceivedMessage[], tenantId: string) => all.filter((m) => m.key === tenantId && String(m.headers['ce_type']).match(/PaymentMethod/));
    const messages = await readTopic(kafka, TOPICS.BILLING.name, (all) => ofTenant(all, CARDED).length >= 8, { settleMs: 1_000 });
    const events = ofTenant(messages, CARDED).map((m) => [m.headers['ce_type'], JSON.parse(m.value ?? '{}') as Record<string, unknown>]);
    expect(events).toEqual([
      ['PaymentMethodAttached', { tenantId: CARDED, paymentMethodId: a, brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true, attachedAt: now }],
      ['DefaultPaymentMethodChanged', { tenantId: CARDED, paymentMethodId: a, brand: 'visa', last4: '4242', cause: 'attached', at: now }],
      ['PaymentMethodAttached', { tenantId: CARDED, paymentMethodId: b, brand: 'visa', last4: '5556', expMonth: 3, expYear: 2031, isDefault: false, attachedAt: now }],
      ['DefaultPaymentMethodChanged', { tenantId: CARDED, paymentMethodId: b, brand: 'visa', last4: '5556', previousPaymentMethodId: a, cause: 'made_default', at: now }],
      ['PaymentMethodRemoved', { tenantId: CARDED, paymentMethodId: b, brand: 'visa', last4: '5556', wasDefault: true, newDefaultPaymentMethodId: a, removedAt: now }],
      ['DefaultPaymentMethodChanged', { tenantId: CARDED, paymentMethodId: a, brand: 'visa', last4: '4242', previousPaymentMethodId: b, cause: 'removed', at: now }],
      ['PaymentMethodRemoved', { tenantId: CARDED, paymentMethodId: a, brand: 'visa', last4: '4242', wasDefault: true, removedAt: now }],
      ['DefaultPaymentMethodChanged', { tenantId: CARDED, previousPaymentMethodId: a, cause: 'removed', at: now }],
    ]);
    expect([...new Set(ofTenant(messages, CARDED).map((m) => m.headers['ce_tenantid']))]).toEqual([CARDED]);
    expect(ofTenant(messages, STRANGER)).toEqual([]);
    // Neither the card number nor the provider's token travels.
    const tokens = ((await billing.dataSource.query(`SELECT provider_token FROM payment_methods WHERE tenant_id = $1`, [CARDED])) as { provider_token: string }[]).map((r) => r.provider_token);
    expect(tokens).toHaveLength(2);
    const wire = ofTenant(messages, CARDED).map((m) => `${m.value ?? ''}${JSON.stringify(m.headers)}`).join('\n');
    for (const secret of [...tokens, CARDS.good, '4000056655665556']) expect(wire).not.toContain(secret);
  });

  it('keeps no card number in any table: only tokens, brands, last 4 digits and expiry', async () => {
    const tables = ['payment_methods', 'payments', 'sandbox_cards', 'sandbox_charges', 'invoices', 'outbox'];
    const dump = [];
    for (const table of tables) dump.push(JSON.stringify(await billing.dataSource.query(`SELECT * FROM ${table}`)));
    const all = dump.join('\n');
    expect(all).toContain('4242'); // the last 4 digits are kept…
    for (const number of [...Object.values(CARDS), '4000056655665556']) expect(all).not.toContain(number); // …never a number
  });
});
