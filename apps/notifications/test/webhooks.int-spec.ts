// Signed webhooks against the real broker and database, notifications in-process with a ManualClock,
// receivers as real HTTP servers in this process (127.0.0.1 is on WEBHOOK_ALLOWED_HOSTS). Every
// delivery is verified with the reference `standardwebhooks` library. Events are produced on the
// suite's real topics; the retry schedule and the auto-disable period are driven by moving the clock.
// The owner of an auto-disabled endpoint is mailed (a real SMTP server in this process).
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { ManualClock } from '@tenantry/service/testing';
import { eventMessage, produce, readTopic, testKafka, TestSmtpServer, waitFor } from '@tenantry/testing';
import { Problem, PLATFORM, ReceivedWebhook, Receiver, RunningNotifications, startNotifications, tenantAdmin } from './notifications-client';

jest.setTimeout(180_000);

const kafka = testKafka();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OPERATOR = `webhook-ops-${randomUUID().slice(0, 8)}@platform.example`;

function suspended(tenantId: string): EventPayload<'TenantSuspended'> {
  return { tenantId, from: 'active', to: 'suspended', actor: 'system', at: new Date().toISOString() };
}

function invoiceIssued(tenantId: string): EventPayload<'InvoiceIssued'> {
  return { tenantId, invoiceId: randomUUID(), amountMinor: 2900, currency: 'USD', periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z', dueAt: '2026-05-15T00:00:00.000Z' };
}

/** Verifies a received webhook with the reference library and returns its CloudEvent. */
function verified(secret: string, received: ReceivedWebhook): { id: string; type: string; tenantid?: string; data: Record<string, unknown> } {
  const headers = { 'webhook-id': String(received.headers['webhook-id']), 'webhook-timestamp': String(received.headers['webhook-timestamp']), 'webhook-signature': String(received.headers['webhook-signature']) };
  return new Webhook(secret).verify(received.body, headers) as { id: string; type: string; tenantid?: string; data: Record<string, unknown> };
}

describe('notifications webhooks (int)', () => {
  let svc: RunningNotifications;
  let clock: ManualClock;
  let smtp: TestSmtpServer;
  const receivers: Receiver[] = [];
  const receiver = async () => {
    const started = await new Receiver().start();
    receivers.push(started);
    return started;
  };
  const [A, B] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    clock = new ManualClock(new Date());
    svc = await startNotifications({ clock, env: { WEBHOOK_PRUNE_INTERVAL_MS: '200', SMTP_URL: smtp.url, NOTIFY_OPERATOR_EMAILS: OPERATOR } });
  });

  afterAll(async () => {
    await svc?.stop();
    await smtp?.stop();
    for (const r of receivers) await r.stop();
  });

  it('refuses unknown event types and SSRF targets with 400 naming the field, storing nothing', async () => {
    const unknown = await svc.api.createEndpoint(tenantAdmin(A), { url: 'http://127.0.0.1:9/hook', eventTypes: ['Invoice*', 'InvoiceRefunded'] });
    expect(unknown.status).toBe(400);
    expect((unknown.body as unknown as Problem).errors).toEqual([{ field: 'eventTypes[1]', message: expect.stringContaining('InvoiceRefunded') }]);
    for (const url of ['https://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'http://localhost:8080/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://100.64.0.1/']) {
      const answer = await svc.api.createEndpoint(tenantAdmin(A), { url, eventTypes: ['*'] });
      expect({ url, status: answer.status, fields: (answer.body as unknown as Problem).errors?.map((e) => e.field) }).toEqual({ url, status: 400, fields: ['url'] });
    }
    const bad = await svc.api.createEndpoint(tenantAdmin(A), { url: 'http://127.0.0.1:9/hook', eventTypes: ['*'], tenantId: B });
    expect((bad.body as unknown as Problem).errors?.[0]?.field).toBe('tenantId');
    expect((await svc.api.endpoints(tenantAdmin(A))).body.endpoints).toEqual([]);
  });

  it("delivers each event, signed and verifiable, to its tenant's subscribed endpoints and the platform-wide ones", async () => {
    const [ownA, ownB, platform] = [await receiver(), await receiver(), await receiver()];
    const a = await svc.api.createEndpoint(tenantAdmin(A), { url: ownA.url, eventTypes: ['Invoice*'], description: 'ERP' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ tenantId: A, url: ownA.url, eventTypes: ['Invoice*'], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const b = await svc.api.createEndpoint(tenantAdmin(B), { url: ownB.url, eventTypes: ['TenantSuspended', 'Invoice*'] });
    const p = await svc.api.createEndpoint(PLATFORM, { url: platform.url, eventTypes: ['*'] });
    expect(p.body.tenantId).toBeNull();
    // The secret is shown once: not in a read, and not in clear in the database.
    expect((await svc.api.endpoint(tenantAdmin(A), a.body.id)).body).not.toHaveProperty('secret');
    const [stored] = (await svc.dataSource.query(`SELECT secret_sealed FROM webhook_endpoints WHERE id = $1`, [a.body.id])) as { secret_sealed: string }[];
    expect(stored?.secret_sealed).not.toContain(a.body.secret.slice(6));

    const [invA, suspA, suspB] = [randomUUID(), randomUUID(), randomUUID()];
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('InvoiceIssued', invoiceIssued(A), invA)]);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(A), suspA), eventMessage('TenantSuspended', suspended(B), suspB)]);

    await platform.waitFor((all) => all.length >= 3, 'three events at the platform endpoint');
    await ownB.waitFor((all) => all.length >= 1, "B's suspension at B's endpoint");
    await ownA.waitFor((all) => all.length >= 1, "A's invoice at A's endpoint");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ownA.received.map((r) => verified(a.body.secret, r)).map((e) => [e.id, e.type, e.tenantid])).toEqual([[invA, 'InvoiceIssued', A]]);
    expect(ownB.received.map((r) => verified(b.body.secret, r)).map((e) => [e.id, e.type, e.tenantid])).toEqual([[suspB, 'TenantSuspended', B]]);
    expect(platform.received.map((r) => verified(p.body.secret, r).id).sort()).toEqual([invA, suspA, suspB].sort());
    // The body is the event's CloudEvents JSON, the payload as data.
    expect(JSON.parse(ownA.received[0]?.body ?? '{}')).toMatchObject({ specversion: '1.0', id: invA, type: 'InvoiceIssued', source: '/tenantry/tests', datacontenttype: 'application/json', data: { tenantId: A, amountMinor: 2900 } });
    // Another tenant's secret does not verify.
    expect(() => verified(b.body.secret, ownA.received[0] as ReceivedWebhook)).toThrow();

    const log = await svc.api.deliveries(tenantAdmin(A), a.body.id);
    expect(log.body.deliveries).toEqual([expect.objectContaining({ eventId: invA, eventType: 'InvoiceIssued', status: 'succeeded', attempts: [expect.objectContaining({ statusCode: 200, responseExcerpt: 'ok', error: null })] })]);
    expect(log.body.deliveries[0]?.id).toBe(ownA.received[0]?.headers['webhook-id']);
  });

  it('retries on the schedule as the clock moves while the receiver is down, with one webhook-id, until it is up again', async () => {
    const down = await receiver();
    down.answer = () => 503;
    const e = await svc.api.createEndpoint(tenantAdmin(A), { url: down.url, eventTypes: ['TenantSuspended'] });
    const eventId = randomUUID();
    // The clock moves only once an attempt is recorded: its retry is scheduled from the time it is recorded at.
    const recorded = (attempts: number) =>
      waitFor(async () => ((await svc.api.deliveries(PLATFORM, e.body.id)).body.deliveries[0]?.attempts.length === attempts ? true : undefined), { timeoutMs: 20_000, what: `attempt ${attempts} to be recorded` });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(A), eventId)]);
    await down.waitFor((all) => all.length === 1, 'the first attempt');
    await recorded(1);

    // Not due before 5 s have passed on the clock.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(down.received).toHaveLength(1);
    clock.advance(5_600);
    await down.waitFor((all) => all.length === 2, 'the attempt after 5 s');
    await recorded(2);
    clock.advance(4 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(down.received).toHaveLength(2);
    clock.advance(1.6 * MINUTE);
    await down.waitFor((all) => all.length === 3, 'the attempt after 5 min');
    await recorded(3);
    down.answer = () => 200;
    clock.advance(33.1 * MINUTE);
    await down.waitFor((all) => all.length === 4, 'the attempt after 30 min');

    expect(new Set(down.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const r of down.received) expect(verified(e.body.secret, r).id).toBe(eventId);
    await waitFor(async () => ((await svc.api.deliveries(PLATFORM, e.body.id)).body.deliveries[0]?.status === 'succeeded' ? true : undefined), { timeoutMs: 10_000, what: 'the delivery to succeed' });
    const [delivery] = (await svc.api.deliveries(PLATFORM, e.body.id)).body.deliveries;
    expect(delivery?.attempts.map((a) => a.statusCode)).toEqual([503, 503, 503, 200]);
    expect(delivery?.attempts[0]?.responseExcerpt?.length).toBe(1024);
    expect((await svc.api.endpoint(PLATFORM, e.body.id)).body).toMatchObject({ enabled: true, failingSince: null });
  });

  it('disables an endpoint whose deliveries fail for 5 days, publishes WebhookEndpointDisabled and mails its owner', async () => {
    const dead = await receiver();
    dead.answer = () => 500;
    const C = randomUUID();
    const owner = `hooks-${C.slice(0, 8)}@tenant.example`;
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', {
      tenantId: C, slug: `c-${C.slice(0, 8)}`, name: `Hooks ${C.slice(0, 8)}`, domain: { type: 'subdomain', value: `c-${C.slice(0, 8)}`, ssl: true }, plan: { id: 'starter', trial: false },
      adminEmail: owner, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: new Date().toISOString(),
    })]);
    const e = await svc.api.createEndpoint(tenantAdmin(C), { url: dead.url, eventTypes: ['TenantSuspended'] });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(C))]);
    await dead.waitFor((all) => all.length === 1, 'the first failed attempt');
    await waitFor(async () => ((await svc.api.endpoint(PLATFORM, e.body.id)).body.failingSince ? true : undefined), { timeoutMs: 10_000, what: 'the endpoint to be failing' });
    const failingSince = (await svc.api.endpoint(PLATFORM, e.body.id)).body.failingSince;

    clock.advance(4 * DAY);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(C))]);
    await dead.waitFor((all) => all.length >= 2, 'an attempt on day 4');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await svc.api.endpoint(PLATFORM, e.body.id)).body.enabled).toBe(true);

    clock.advance(DAY + MINUTE);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(C))]);
    await waitFor(async () => ((await svc.api.endpoint(PLATFORM, e.body.id)).body.enabled === false ? true : undefined), { timeoutMs: 20_000, what: 'the endpoint to be disabled' });
    expect((await svc.api.endpoint(tenantAdmin(C), e.body.id)).body).toMatchObject({ enabled: false, failingSince, disabledReason: expect.stringContaining(String(failingSince)) });

    const pick = (all: { headers: Record<string, string>; value: string | null }[]) => all.filter((m) => m.headers['ce_type'] === 'WebhookEndpointDisabled' && JSON.parse(m.value ?? '{}').endpointId === e.body.id);
    const published = pick(await readTopic(kafka, TOPICS.NOTIFICATIONS.name, (all) => pick(all).length >= 1));
    expect(JSON.parse(published[0]?.value ?? '{}')).toMatchObject({ tenantId: C, endpointId: e.body.id, url: dead.url, failingSince });
    expect(published[0]?.headers['ce_tenantid']).toBe(C);

    // Its owner — the tenant's admin, not the operators — is mailed, once.
    const disabledMails = () => smtp.to(owner).filter((m) => m.header('x-tenantry-notification') === 'webhook-endpoint-disabled');
    const [mail] = await waitFor(async () => (disabledMails().length > 0 ? disabledMails() : undefined), { timeoutMs: 20_000, intervalMs: 100, what: 'the endpoint-disabled mail to its owner' });
    expect(mail?.subject).toBe(`Hooks ${C.slice(0, 8)}: webhook endpoint disabled`);
    expect(mail?.text).toContain(`The webhook endpoint ${dead.url} (${e.body.id}) was disabled`);
    expect(mail?.text).toContain(`failed since ${String(failingSince)}`);
    expect(mail?.header('list-unsubscribe')).toBeUndefined(); // critical: cannot be switched off
    expect(smtp.to(OPERATOR).filter((m) => m.text.includes(e.body.id))).toEqual([]);

    // Nothing more is sent to a disabled endpoint.
    const before = dead.received.length;
    clock.advance(DAY);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(dead.received).toHaveLength(before);
  });

  it('signs with the old and the new secret for 24 hours after a rotation, then with the new one only', async () => {
    const r = await receiver();
    const e = await svc.api.createEndpoint(tenantAdmin(A), { url: r.url, eventTypes: ['TenantSuspended'] });
    const rotated = await svc.api.rotateSecret(tenantAdmin(A), e.body.id);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(e.body.secret);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime() - clock.now().getTime()).toBe(DAY);

    expect((await svc.api.sendTest(tenantAdmin(A), e.body.id)).status).toBe(202);
    await r.waitFor((all) => all.length === 1, 'the test event');
    const [during] = r.received as [ReceivedWebhook];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(rotated.body.secret, during)).toMatchObject({ type: 'WebhookTest', tenantid: A, data: { endpointId: e.body.id } });
    expect(verified(e.body.secret, during).type).toBe('WebhookTest');

    clock.advance(DAY + 1_000);
    await svc.api.sendTest(tenantAdmin(A), e.body.id);
    await r.waitFor((all) => all.length === 2, 'the second test event');
    const after = r.received[1] as ReceivedWebhook;
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified(rotated.body.secret, after).type).toBe('WebhookTest');
    expect(() => verified(e.body.secret, after)).toThrow();
  });

  it('redelivers a delivery with the same webhook-id, and replays a time range to an endpoint', async () => {
    const r = await receiver();
    const e = await svc.api.createEndpoint(tenantAdmin(B), { url: r.url, eventTypes: ['Invoice*'] });
    const from = new Date(Date.now() - MINUTE).toISOString();
    const eventId = randomUUID();
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('InvoiceIssued', invoiceIssued(B), eventId)]);
    await r.waitFor((all) => all.length === 1, 'the invoice');
    const [delivery] = (await svc.api.deliveries(tenantAdmin(B), e.body.id)).body.deliveries;
    expect((await svc.api.redeliver(tenantAdmin(B), delivery?.id ?? '')).status).toBe(202);
    await r.waitFor((all) => all.length === 2, 'the redelivery');
    expect(r.received[1]?.headers['webhook-id']).toBe(r.received[0]?.headers['webhook-id']);

    // A second endpoint of B replays the range: B's invoice events in it, once each.
    const late = await receiver();
    const l = await svc.api.createEndpoint(tenantAdmin(B), { url: late.url, eventTypes: ['InvoiceIssued'] });
    const replay = await svc.api.replay(tenantAdmin(B), l.body.id, { from, to: new Date(Date.now() + MINUTE).toISOString() });
    expect(replay).toMatchObject({ status: 202, body: { queued: 1 } });
    await late.waitFor((all) => all.length === 1, 'the replayed invoice');
    expect(verified(l.body.secret, late.received[0] as ReceivedWebhook).id).toBe(eventId);
    expect((await svc.api.replay(tenantAdmin(B), l.body.id, { from, to: from })).status).toBe(400);
  });

  it("never shows or changes another tenant's endpoints or deliveries (404)", async () => {
    const r = await receiver();
    const e = await svc.api.createEndpoint(tenantAdmin(A), { url: r.url, eventTypes: ['*'] });
    await svc.api.sendTest(tenantAdmin(A), e.body.id);
    await r.waitFor((all) => all.length === 1, 'the test event');
    const [delivery] = (await svc.api.deliveries(tenantAdmin(A), e.body.id)).body.deliveries;
    const other = tenantAdmin(B);
    expect((await svc.api.endpoints(other)).body.endpoints.map((x) => x.tenantId)).not.toContain(A);
    expect((await svc.api.endpoint(other, e.body.id)).status).toBe(404);
    expect((await svc.api.updateEndpoint(other, e.body.id, { enabled: false })).status).toBe(404);
    expect((await svc.api.rotateSecret(other, e.body.id)).status).toBe(404);
    expect((await svc.api.deliveries(other, e.body.id)).status).toBe(404);
    expect((await svc.api.redeliver(other, delivery?.id ?? '')).status).toBe(404);
    expect((await svc.api.replay(other, e.body.id, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' })).status).toBe(404);
    expect((await svc.api.sendTest(other, e.body.id)).status).toBe(404);
    expect((await svc.api.deleteEndpoint(other, e.body.id)).status).toBe(404);
    expect((await svc.api.endpoint(tenantAdmin(A), e.body.id)).body.enabled).toBe(true);
    // The platform sees every tenant's; the owner can delete it.
    expect((await svc.api.endpoints(PLATFORM)).body.endpoints.map((x) => x.id)).toContain(e.body.id);
    expect((await svc.api.deleteEndpoint(tenantAdmin(A), e.body.id)).status).toBe(204);
    expect((await svc.api.endpoint(PLATFORM, e.body.id)).status).toBe(404);
  });

  // Last: it empties the log.
  it('removes kept events and finished deliveries after the retention period, and keeps pending ones', async () => {
    const count = async (sql: string) => Number(((await svc.dataSource.query(sql)) as { n: string }[])[0]?.n);
    const pending = await count(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`);
    expect(pending).toBeGreaterThan(0); // the disabled endpoint's retries
    expect(await count(`SELECT count(*) AS n FROM webhook_events`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'succeeded'`)).toBeGreaterThan(0);
    clock.advance(31 * DAY);
    await waitFor(async () => ((await count(`SELECT count(*) AS n FROM webhook_events`)) === 0 ? true : undefined), { timeoutMs: 10_000, what: 'old events to be removed' });
    await waitFor(async () => ((await count(`SELECT count(*) AS n FROM webhook_deliveries WHERE status <> 'pending'`)) === 0 ? true : undefined), { timeoutMs: 10_000, what: 'finished deliveries to be removed' });
    expect(await count(`SELECT count(*) AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.status <> 'pending'`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`)).toBe(pending);
  });
});
