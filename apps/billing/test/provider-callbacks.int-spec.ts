// The payment provider's signed callbacks, against the real broker and database, billing in-process
// with a ManualClock. The sandbox's callbacks are captured by a stand-in endpoint (SANDBOX_CALLBACK_URL)
// instead of reaching billing, so the test decides what billing receives: a charge stays pending
// until its callback arrives; a forged, unsigned, stale or tampered callback is refused with 401 and
// changes nothing; the real one settles the payment once, and delivering it again changes nothing
// more (one InvoicePaid); a declined charge's callback fails the invoice.
import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { devSecretsEnv, eventMessage, produce, readTopic, ReceivedMessage, sleep, testKafka, waitFor } from '@tenantry/testing';
import { callbackSignature } from '../src/payments/callback-signature';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(90_000);

const kafka = testKafka();
const SECRET = devSecretsEnv()['BILLING_PROVIDER_WEBHOOK_SECRET'] as string;
const card = (number: string) => ({ number, expMonth: 12, expYear: 2030, cvc: '123' });

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

interface Captured {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Stands in for billing's callback endpoint: keeps what the sandbox posts and answers 200. */
class CallbackCatcher {
  readonly received: Captured[] = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      this.received.push({ headers: request.headers, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/callbacks`;
  }

  /** The callback about a payment (its id is the charge's idempotency key). */
  forPayment(paymentId: string): Promise<Captured> {
    return waitFor(() => this.received.find((c) => (JSON.parse(c.body) as { data: { idempotencyKey: string } }).data.idempotencyKey === paymentId), {
      timeoutMs: 30_000,
      what: `the sandbox's callback about payment ${paymentId}`,
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const events = (type: string, invoiceId: string) => (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && JSON.parse(m.value ?? '{}').invoiceId === invoiceId);

describe('payment provider callbacks (int)', () => {
  let billing: RunningBilling;
  const catcher = new CallbackCatcher();
  const [PAYS, DECLINES] = [randomUUID(), randomUUID()];
  const invoiceOf: Record<string, string> = {};

  /** POSTs a callback to billing's route, as a provider would: no internal token. */
  async function deliver(body: string, headers: Record<string, string>): Promise<{ status: number; contentType: string | null; body: Record<string, unknown> }> {
    const response = await fetch(`${await billing.app.getUrl()}/payment-provider/callbacks/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
  }

  const now = () => Math.floor(billing.clock.now().getTime() / 1_000);
  const paymentState = async (invoiceId: string) => {
    const invoice = (await billing.api.invoice(invoiceId)).body;
    const payments = (await billing.dataSource.query(`SELECT status FROM payments WHERE invoice_id = $1 ORDER BY attempt`, [invoiceId])) as { status: string }[];
    return { paymentStatus: invoice.paymentStatus, payments: payments.map((p) => p.status) };
  };

  beforeAll(async () => {
    const url = await catcher.start();
    billing = await startBilling(new Date('2026-04-14T09:00:00.000Z'), { SANDBOX_SETTLE_DELAY_MS: '20', PAYMENT_COLLECTION_INTERVAL_MS: '3600000', SANDBOX_CALLBACK_URL: url });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [PAYS, DECLINES].map((id) => eventMessage('TenantCreated', tenantCreated(id))));
    for (const id of [PAYS, DECLINES]) await billing.api.awaitSubscription(id);
    billing.clock.set(new Date('2026-05-05T00:00:00.000Z'));
    expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
    for (const id of [PAYS, DECLINES]) invoiceOf[id] = (await billing.api.invoices(id)).body.invoices[0]?.id as string;
  });

  afterAll(async () => {
    await billing?.stop();
    await catcher.stop();
  });

  it('settles a charge only through a correctly signed, fresh callback, once however often it is delivered', async () => {
    const invoiceId = invoiceOf[PAYS] as string;
    expect(await billing.api.attachPaymentMethod(PAYS, card('4242424242424242'))).toMatchObject({ status: 201 });
    const pay = await billing.api.payInvoice(invoiceId);
    expect(pay).toMatchObject({ status: 202, body: { status: 'pending' } });

    // The sandbox has decided and called back — but to the catcher: billing has heard nothing, so nothing is final.
    const callback = await catcher.forPayment(pay.body.id);
    expect(JSON.parse(callback.body)).toMatchObject({ id: expect.stringMatching(/^evt_sandbox_/), type: 'charge.succeeded', data: { idempotencyKey: pay.body.id } });
    expect(callback.headers['sandbox-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    await sleep(300);
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'pending', payments: ['pending'] });

    const tampered = callback.body.replace('charge.succeeded', 'charge.failed');
    const refused: [string, string, Record<string, string>][] = [
      ['no signature', callback.body, {}],
      ['signed with another secret', callback.body, { 'sandbox-signature': callbackSignature('another-secret-of-at-least-32-characters', now(), callback.body) }],
      ['a signature that is not the scheme', callback.body, { 'sandbox-signature': 'sha256=deadbeef' }],
      ['stale: signed 10 minutes ago', callback.body, { 'sandbox-signature': callbackSignature(SECRET, now() - 600, callback.body) }],
      ['signed for the future', callback.body, { 'sandbox-signature': callbackSignature(SECRET, now() + 600, callback.body) }],
      ['a body changed after signing', tampered, { 'sandbox-signature': callback.headers['sandbox-signature'] as string }],
    ];
    for (const [what, body, headers] of refused) {
      const answer = await deliver(body, headers);
      expect({ what, status: answer.status, contentType: answer.contentType, type: answer.body['type'] }).toEqual({
        what,
        status: 401,
        contentType: expect.stringContaining('application/problem+json'),
        type: expect.stringContaining('callback-signature-invalid'),
      });
    }
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'pending', payments: ['pending'] });
    expect((await billing.dataSource.query(`SELECT count(*)::int AS n FROM payment_provider_events`)) as { n: number }[]).toEqual([{ n: 0 }]);

    // The real callback (its own signature, still fresh): settled.
    const delivered = await deliver(callback.body, { 'sandbox-signature': callback.headers['sandbox-signature'] as string });
    expect(delivered).toMatchObject({ status: 200, body: { received: true, eventId: JSON.parse(callback.body).id, outcome: 'settled' } });
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'succeeded', payments: ['succeeded'] });

    // Delivered again (a provider retrying), and again freshly signed: the same event changes nothing more.
    expect(await deliver(callback.body, { 'sandbox-signature': callback.headers['sandbox-signature'] as string })).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect(await deliver(callback.body, { 'sandbox-signature': callbackSignature(SECRET, now(), callback.body) })).toMatchObject({ status: 200, body: { outcome: 'duplicate' } });
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'succeeded', payments: ['succeeded'] });
    const paid = events('InvoicePaid', invoiceId)(await readTopic(kafka, TOPICS.BILLING.name, (all) => events('InvoicePaid', invoiceId)(all).length > 0, { settleMs: 1_000 }));
    expect(paid).toHaveLength(1);
  });

  it('fails the invoice when a declined charge is called back, and answers 404 for a provider that is not configured and 400 for a signed non-event', async () => {
    const invoiceId = invoiceOf[DECLINES] as string;
    expect(await billing.api.attachPaymentMethod(DECLINES, card('4000000000000341'))).toMatchObject({ status: 201 });
    const pay = await billing.api.payInvoice(invoiceId);
    const callback = await catcher.forPayment(pay.body.id);
    expect(JSON.parse(callback.body)).toMatchObject({ type: 'charge.failed', data: { failureCode: 'card_declined' } });
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'pending', payments: ['pending'] });

    const other = await fetch(`${await billing.app.getUrl()}/payment-provider/callbacks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'sandbox-signature': callback.headers['sandbox-signature'] as string }, body: callback.body });
    expect(other.status).toBe(404);
    const notAnEvent = '{"hello":"world"}';
    expect(await deliver(notAnEvent, { 'sandbox-signature': callbackSignature(SECRET, now(), notAnEvent) })).toMatchObject({ status: 400, body: { type: expect.stringContaining('callback-malformed') } });
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'pending', payments: ['pending'] });

    expect(await deliver(callback.body, { 'sandbox-signature': callback.headers['sandbox-signature'] as string })).toMatchObject({ status: 200, body: { outcome: 'settled' } });
    expect(await paymentState(invoiceId)).toEqual({ paymentStatus: 'failed', payments: ['failed'] });
    const failed = events('InvoiceFailed', invoiceId)(await readTopic(kafka, TOPICS.BILLING.name, (all) => events('InvoiceFailed', invoiceId)(all).length > 0, { settleMs: 500 }));
    expect(failed.map((m) => JSON.parse(m.value ?? '{}'))).toEqual([expect.objectContaining({ invoiceId, reason: 'card_declined', attempt: 1 })]);
  });
});
