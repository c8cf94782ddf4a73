// Automatic collection against the real broker and database, billing in-process with a ManualClock
// and the sandbox provider, the collection job every 200 ms: a finalized invoice is charged to the
// default payment method by itself (InvoicePaid); a declined charge publishes InvoiceFailed with the
// next retry (days 1, 3, 5, 7 after the first failure), the job retries as the clock reaches it, a
// retry that succeeds publishes InvoicePaid, and the retries end after the last one.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, testKafka, waitFor } from '@tenantry/testing';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const card = (number: string, extra: Record<string, unknown> = {}) => ({ number, expMonth: 12, expYear: 2030, ...extra });

function tenantCreated(tenantId: string, planId: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: planId, trial: false },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: '2026-04-01T00:00:00.000Z',
  };
}

type Payload = { attempt?: number; reason?: string; nextRetryAt?: string; paidAt?: string };

describe('billing automatic collection (int)', () => {
  let billing: RunningBilling;
  const [PAYER, DECLINER, BROKE, NOCARD, FREE] = Array.from({ length: 5 }, () => randomUUID()) as [string, string, string, string, string];
  const invoiceOf: Record<string, string> = {};

  /** The billing events of one type about one invoice, once there are `count` of them. */
  async function eventsOf(type: string, tenantId: string, count: number): Promise<Payload[]> {
    const invoiceId = invoiceOf[tenantId] as string;
    const pick = (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && JSON.parse(m.value ?? '{}').invoiceId === invoiceId);
    return pick(await readTopic(kafka, TOPICS.BILLING.name, (all) => pick(all).length >= count, { settleMs: 300 })).map((m) => JSON.parse(m.value ?? '{}') as Payload);
  }

  const payments = async (tenantId: string) =>
    (await billing.dataSource.query(`SELECT attempt, status, failure_code FROM payments WHERE invoice_id = $1 ORDER BY attempt`, [invoiceOf[tenantId]])) as { attempt: number; status: string; failure_code: string | null }[];

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-04-14T09:00:00.000Z'), { SANDBOX_SETTLE_DELAY_MS: '50', PAYMENT_COLLECTION_INTERVAL_MS: '200' });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      ...[PAYER, DECLINER, BROKE, NOCARD].map((id) => eventMessage('TenantCreated', tenantCreated(id, 'starter'))),
      eventMessage('TenantCreated', tenantCreated(FREE, 'free')),
    ]);
    for (const id of [PAYER, DECLINER, BROKE, NOCARD, FREE]) await billing.api.awaitSubscription(id);
    expect((await billing.api.attachPaymentMethod(PAYER, card('4242424242424242'))).status).toBe(201);
    expect((await billing.api.attachPaymentMethod(DECLINER, card('4000000000000341'))).status).toBe(201);
    expect((await billing.api.attachPaymentMethod(BROKE, card('4000000000009995'))).status).toBe(201);
    expect((await billing.api.attachPaymentMethod(FREE, card('4242424242424242'))).status).toBe(201);

    billing.clock.set(new Date('2026-05-05T00:00:00.000Z'));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
    for (const id of [PAYER, DECLINER, BROKE, NOCARD, FREE]) invoiceOf[id] = (await billing.api.invoices(id)).body.invoices[0]?.id as string;
  });

  afterAll(async () => {
    await billing?.stop();
  });

  it('charges a finalized invoice to the default payment method by itself and publishes InvoicePaid', async () => {
    expect(await billing.api.awaitPaymentStatus(invoiceOf[PAYER] as string, 'succeeded')).toMatchObject({ status: 'finalized', total: '29.00' });
    expect(await eventsOf('InvoicePaid', PAYER, 1)).toEqual([expect.objectContaining({ amountMinor: 2900, paidAt: '2026-05-05T00:00:00.000Z' })]);
    expect(await payments(PAYER)).toEqual([{ attempt: 1, status: 'succeeded', failure_code: null }]);
  });

  it('charges nothing without a payment method, or for a zero invoice', async () => {
    expect((await billing.api.invoice(invoiceOf[FREE] as string)).body).toMatchObject({ status: 'finalized', total: '0.00', paymentStatus: null });
    await waitFor(async () => ((await billing.dataSource.query(`SELECT 1 FROM collections WHERE invoice_id = $1`, [invoiceOf[NOCARD]])).length === 0 ? true : undefined), { timeoutMs: 10_000, what: 'the collection without a card to end' });
    expect((await billing.api.invoice(invoiceOf[NOCARD] as string)).body.paymentStatus).toBe('pending');
    expect([...(await payments(NOCARD)), ...(await payments(FREE))]).toEqual([]);
  });

  it('publishes InvoiceFailed with the retry schedule, retries as the clock reaches it, and a retry that succeeds publishes InvoicePaid', async () => {
    await billing.api.awaitPaymentStatus(invoiceOf[DECLINER] as string, 'failed');
    await billing.api.awaitPaymentStatus(invoiceOf[BROKE] as string, 'failed');
    expect(await eventsOf('InvoiceFailed', DECLINER, 1)).toEqual([expect.objectContaining({ attempt: 1, reason: 'card_declined', nextRetryAt: '2026-05-06T00:00:00.000Z' })]);
    expect(await eventsOf('InvoiceFailed', BROKE, 1)).toEqual([expect.objectContaining({ attempt: 1, reason: 'insufficient_funds', nextRetryAt: '2026-05-06T00:00:00.000Z' })]);

    // Not due yet: nothing happens before day 1.
    billing.clock.set(new Date('2026-05-05T23:59:00.000Z'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await payments(DECLINER)).toHaveLength(1);

    billing.clock.set(new Date('2026-05-06T00:00:00.000Z'));
    expect((await eventsOf('InvoiceFailed', DECLINER, 2))[1]).toMatchObject({ attempt: 2, nextRetryAt: '2026-05-08T00:00:00.000Z' });
    expect((await eventsOf('InvoiceFailed', BROKE, 2))[1]).toMatchObject({ attempt: 2, nextRetryAt: '2026-05-08T00:00:00.000Z' });

    expect(await billing.api.attachPaymentMethod(DECLINER, card('4242424242424242', { makeDefault: true }))).toMatchObject({ status: 201, body: { isDefault: true } });
    billing.clock.set(new Date('2026-05-08T00:00:00.000Z'));
    await billing.api.awaitPaymentStatus(invoiceOf[DECLINER] as string, 'succeeded');
    expect(await eventsOf('InvoicePaid', DECLINER, 1)).toEqual([expect.objectContaining({ paidAt: '2026-05-08T00:00:00.000Z' })]);
    expect((await payments(DECLINER)).map((p) => [p.attempt, p.status, p.failure_code])).toEqual([[1, 'failed', 'card_declined'], [2, 'failed', 'card_declined'], [3, 'succeeded', null]]);
    expect((await eventsOf('InvoiceFailed', BROKE, 3))[2]).toMatchObject({ attempt: 3, nextRetryAt: '2026-05-10T00:00:00.000Z' });
  });

  it('stops retrying after the last day of the schedule', async () => {
    billing.clock.set(new Date('2026-05-10T00:00:00.000Z'));
    expect((await eventsOf('InvoiceFailed', BROKE, 4))[3]).toMatchObject({ attempt: 4, nextRetryAt: '2026-05-12T00:00:00.000Z' });
    billing.clock.set(new Date('2026-05-12T00:00:00.000Z'));
    const last = (await eventsOf('InvoiceFailed', BROKE, 5))[4];
    expect(last).toMatchObject({ attempt: 5, reason: 'insufficient_funds' });
    expect(last?.nextRetryAt).toBeUndefined();

    billing.clock.set(new Date('2026-06-20T00:00:00.000Z'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await payments(BROKE)).toHaveLength(5);
    expect((await billing.api.invoice(invoiceOf[BROKE] as string)).body.paymentStatus).toBe('failed');
  });
});
