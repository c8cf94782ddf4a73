// The invoice PDF attached to invoice-issued mails, against the real broker, database and SMTP server
// (mails parsed with mailparser): billing in-process issues a real invoice (a subscription from
// TenantCreated, a billing run, finalization after the grace window), notifications fetches its PDF
// from billing with its own service token and mails it. Billing reachable only through a TCP relay
// the test can cut: while it is cut the mail waits (pending, lastError) and is not sent without the
// PDF; once billing answers again exactly one mail arrives, carrying the PDF. An invoice billing does
// not know (404) fails the mail at once.
import { randomUUID } from 'node:crypto';
import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, pdfToText, produce, testKafka, TestSmtpServer, waitFor } from '@tenantry/testing';
// The one cross-service int spec: it needs a real billing issuing a real invoice, in-process with its own schema and clock (billing's own test harness).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test code only; no production code crosses apps
import { RunningBilling, startBilling } from '../../billing/test/billing-client';
import { RunningNotifications, startNotifications } from './notifications-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const APRIL_14 = new Date('2026-04-14T09:00:00.000Z');

/** A TCP relay to billing on a fixed port: `cut()` closes it (connections refused), `restore()` listens again on the same port. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async restore(): Promise<void> {
    const server = createServer((socket) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [socket, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

describe('invoice-issued mail with the invoice PDF (int)', () => {
  let smtp: TestSmtpServer;
  let billing: RunningBilling;
  let relay: Relay;
  let svc: RunningNotifications;
  const tenantId = randomUUID();
  const email = `invoice-${tenantId.slice(0, 8)}@tenant.example`;

  const logOf = async (query: Record<string, string> = {}) => (await svc.api.notifications({ tenantId, type: 'invoice-issued', ...query })).body.notifications;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    billing = await startBilling(APRIL_14);
    const url = new URL(await billing.app.getUrl());
    relay = new Relay({ host: url.hostname, port: Number(url.port) });
    await relay.restore();
    // Retries a few hundred ms apart, enough of them that the mail is still pending when billing is back.
    svc = await startNotifications({ env: { SMTP_URL: smtp.url, BILLING_URL: `http://127.0.0.1:${relay.port}`, NOTIFY_RETRY_BASE_MS: '300', NOTIFY_MAX_ATTEMPTS: '12' } });
  });

  afterAll(async () => {
    await svc?.stop();
    await relay?.cut();
    await billing?.stop();
    await smtp?.stop();
  });

  it('waits while billing is unreachable, then mails the invoice once with its PDF attached', async () => {
    const created: EventPayload<'TenantCreated'> = {
      tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `Invoiced ${tenantId.slice(0, 8)}`, domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true }, plan: { id: 'starter', trial: false },
      adminEmail: email, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: '2026-04-14T09:00:00.000Z',
    };
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created)]);
    await billing.api.awaitSubscription(tenantId);
    await waitFor(async () => ((await svc.api.preferences(tenantId)).status === 200 ? true : undefined), { timeoutMs: 30_000, intervalMs: 100, what: 'the tenant in the directory' });

    await relay.cut();
    // April's invoice: a draft after the period, finalized (InvoiceIssued) after the grace window.
    billing.clock.set(new Date('2026-05-02T00:00:00.000Z'));
    await billing.api.billingRun();
    billing.clock.set(new Date('2026-05-04T00:00:01.000Z'));
    await billing.api.billingRun();
    const [invoice] = (await billing.api.invoices(tenantId, { status: 'finalized' })).body.invoices;
    expect(invoice?.number).toMatch(/^INV-\d{6}$/);

    const waiting = await waitFor(async () => (await logOf()).find((r) => r.status === 'pending' && (r.lastError ?? '').includes('billing unreachable')), { timeoutMs: 30_000, intervalMs: 50, what: 'the mail waiting for billing' });
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(smtp.to(email)).toHaveLength(0);

    await relay.restore();
    const [mail] = await waitFor(async () => (smtp.to(email).length > 0 ? smtp.to(email) : undefined), { timeoutMs: 30_000, intervalMs: 100, what: 'the invoice mail' });
    expect(mail?.header('x-tenantry-notification')).toBe('invoice-issued');
    const attachments = mail?.raw.attachments ?? [];
    expect(attachments.map((a) => [a.contentType, a.filename])).toEqual([['application/pdf', `${invoice?.number}.pdf`]]);
    const text = pdfToText(attachments[0]?.content as Buffer);
    expect(text).toContain(invoice?.number as string);
    expect(text).toContain(invoice?.total as string);

    const delivered = await waitFor(async () => (await logOf()).find((r) => r.status === 'delivered'), { timeoutMs: 10_000, intervalMs: 100, what: 'the mail logged as delivered' });
    expect(delivered.messageId).toBe(mail?.messageId);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('fails an invoice-issued mail at once when billing does not know the invoice (404), and sends nothing', async () => {
    const before = smtp.to(email).length;
    const unknown = randomUUID();
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('InvoiceIssued', { tenantId, invoiceId: unknown, amountMinor: 2900, currency: 'USD', periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z', dueAt: '2026-05-18T00:00:00.000Z' })]);
    const failed = await waitFor(async () => (await logOf({ status: 'failed' }))[0], { timeoutMs: 30_000, intervalMs: 100, what: 'the mail failed' });
    expect(failed).toMatchObject({ attempts: 1, lastError: expect.stringContaining('invoice PDF unavailable: billing answered 404') });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email)).toHaveLength(before);
  });
});
