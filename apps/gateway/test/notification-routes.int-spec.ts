// The public notification routes through the compiled gateway to the real notifications service
// (mailing to a real SMTP server in the test): forwarding, validation at the door with
// libs/notifications-api, and the role matrix — a tenant admin reads its own tenant's mail log and
// preferences only (another tenant: 404), templates are the platform's; the keyless unsubscribe link
// of a mail works through the gateway without any API key, and a forged one changes nothing.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, groupsAtEndOfEveryTopic, produce, testKafka, TestSmtpServer, uniqueName, waitFor } from '@tenantry/testing';
import { GatewayOnFakeRegistry, problemType, startGatewayWith } from './support/gateway-client';

jest.setTimeout(120_000);

const kafka = testKafka();
const PUBLIC_URL = 'https://api.tenantry.example';

describe('gateway notification routes', () => {
  let smtp: TestSmtpServer;
  let stack: GatewayOnFakeRegistry;

  async function mailedTenant(): Promise<{ tenantId: string; email: string }> {
    const tenantId = stack.tenant();
    const email = `admin-${tenantId.slice(0, 8)}@tenant.example`;
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', {
      tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `T ${tenantId.slice(0, 8)}`, domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true }, plan: { id: 'starter', trial: false },
      adminEmail: email, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: new Date().toISOString(),
    })]);
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', { tenantId, subscriptionId: randomUUID(), planId: 'starter', trialEndsAt: '2026-12-04T09:00:00.000Z', daysLeft: 3, willConvert: false, at: new Date().toISOString() })]);
    await waitFor(async () => (smtp.to(email).length > 0 ? true : undefined), { timeoutMs: 60_000, intervalMs: 200, what: `a mail to ${email}` });
    return { tenantId, email };
  }

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    // Consumer groups of its own at the end of the topics: the mails are this spec's, not a backlog of the whole suite's events.
    const groupPrefix = `${uniqueName('notify_routes')}.`;
    await groupsAtEndOfEveryTopic(groupPrefix, ['notifications.email', 'notifications.webhooks']);
    stack = await startGatewayWith('notifications', { SMTP_URL: smtp.url, NOTIFY_SEND_INTERVAL_MS: '100', NOTIFY_PUBLIC_URL: PUBLIC_URL, KAFKA_GROUP_PREFIX: groupPrefix });
  });

  afterAll(async () => {
    await stack?.stop();
    await smtp?.stop();
  });

  it("lets a tenant admin read its own tenant's mail log and preferences, and nothing of another tenant", async () => {
    const { gateway } = stack;
    const a = await mailedTenant();
    const b = await mailedTenant();
    const adminA = (await gateway.issueKey('tenant-admin', a.tenantId)).key;

    const own = await gateway.call('GET', '/notifications', { key: adminA });
    expect(own.status).toBe(200);
    const rows = own.body['notifications'] as { tenantId: string; recipient: string; type: string; status: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tenantId === a.tenantId && r.recipient === a.email)).toBe(true);
    expect((await gateway.call('GET', `/notifications?tenantId=${b.tenantId}`, { key: adminA })).body['type']).toBe(problemType('tenant-not-found'));
    const platform = await gateway.call('GET', `/notifications?tenantId=${b.tenantId}&type=trial-ending`);
    expect((platform.body['notifications'] as { recipient: string }[]).map((r) => r.recipient)).toEqual([b.email]);

    expect(await gateway.call('GET', `/tenants/${a.tenantId}/notification-preferences`, { key: adminA })).toMatchObject({ status: 200, body: { tenantId: a.tenantId } });
    expect((await gateway.call('GET', `/tenants/${b.tenantId}/notification-preferences`, { key: adminA })).status).toBe(404);
    const changed = await gateway.call('PUT', `/tenants/${a.tenantId}/notification-preferences`, { key: adminA, body: { recipient: a.email, categories: { billing: false } } });
    expect(changed).toMatchObject({ status: 200, body: { recipients: [{ recipient: a.email, categories: { billing: false, usage: true } }] } });
    expect((await gateway.call('PUT', `/tenants/${b.tenantId}/notification-preferences`, { key: adminA, body: { recipient: b.email, categories: { billing: false } } })).status).toBe(404);
    expect((await gateway.call('GET', `/tenants/${b.tenantId}/notification-preferences`)).body).toMatchObject({ recipients: [{ recipient: b.email, categories: { billing: true } }] });
    expect((await gateway.call('GET', '/notification-templates/welcome', { key: adminA })).status).toBe(403);
  });

  it('validates at the door and keeps template overrides to platform admins', async () => {
    const { gateway } = stack;
    const bad = await gateway.call('GET', '/notifications?status=lost&limit=0&tenantId=x');
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['limit', 'status', 'tenantId']);
    expect((await gateway.call('GET', '/notification-templates/no-such-type')).status).toBe(400);
    // Templates are the platform's, shared by every spec on this database (the fuzz spec may have saved one): start from the shipped one.
    expect(await gateway.call('DELETE', '/notification-templates/invoice-issued?language=de')).toMatchObject({ status: 200, body: { type: 'invoice-issued', language: 'de', overridden: false } });
    const before = await gateway.call('GET', '/notification-templates/invoice-issued?language=de');
    expect(before).toMatchObject({ status: 200, body: { type: 'invoice-issued', language: 'de', overridden: false } });

    const support = (await gateway.issueKey('support')).key;
    const body = { language: 'de', subject: 'Rechnung {{amount}}', html: '<p>{{amount}}</p>', text: '{{amount}}' };
    expect((await gateway.call('PUT', '/notification-templates/invoice-issued', { key: support, body })).status).toBe(403);
    const broken = await gateway.call('PUT', '/notification-templates/invoice-issued', { body: { ...body, text: '{{#if}}' } });
    expect(broken.status).toBe(400);
    expect((broken.body['errors'] as { field: string }[]).map((e) => e.field)).toEqual(['text']);
    expect((await gateway.call('GET', '/notification-templates/invoice-issued?language=de')).body).toEqual(before.body);
    expect(await gateway.call('PUT', '/notification-templates/invoice-issued', { body })).toMatchObject({ status: 200, body: { overridden: true, subject: 'Rechnung {{amount}}' } });

    expect((await gateway.call('DELETE', '/notification-templates/invoice-issued?language=de', { key: support })).status).toBe(403);
    expect((await gateway.call('GET', '/notification-templates/invoice-issued?language=de')).body['subject']).toBe('Rechnung {{amount}}');
    const reset = await gateway.call('DELETE', '/notification-templates/invoice-issued?language=de');
    expect(reset).toMatchObject({ status: 200, body: { overridden: false } });
    expect(reset.body['subject']).not.toBe('Rechnung {{amount}}');
    expect((await gateway.call('DELETE', '/notification-templates/no-such-type')).status).toBe(400);
  });

  it('unsubscribes through the keyless link in the mail: a forged token is refused and changes nothing, a good one switches off exactly its category', async () => {
    const { gateway } = stack;
    const a = await mailedTenant();
    const mail = smtp.to(a.email).find((m) => m.header('x-tenantry-notification') === 'trial-ending');
    const link = /^<([^>]+)>$/.exec(mail?.header('list-unsubscribe') ?? '')?.[1] ?? '';
    expect(link.startsWith(`${PUBLIC_URL}/api/v1/platform/unsubscribe?token=`)).toBe(true);
    expect(mail?.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const token = new URL(link).searchParams.get('token') ?? '';
    // The link as the mail has it, on this gateway instead of the public host name.
    const at = (t: string) => `${gateway.url}/api/v1/platform/unsubscribe?token=${encodeURIComponent(t)}`;
    const oneClick = (t: string, correlation: string) =>
      fetch(at(t), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': correlation }, body: 'List-Unsubscribe=One-Click' });
    const categories = async () => ((await gateway.call('GET', `/tenants/${a.tenantId}/notification-preferences`)).body['recipients'] as { categories: Record<string, boolean> }[])[0]?.categories ?? {};
    const untouched = { usage: true, billing: true, lifecycle: true, product: true };

    const [body, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = [
      `${Buffer.from(JSON.stringify({ ...claims, c: 'usage' })).toString('base64url')}.${signature}`, // another category, the signature kept
      `${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`, // the signature changed
    ];
    const correlation = `unsub-${randomUUID()}`;
    for (const bad of forged) {
      const refused = await oneClick(bad, correlation);
      expect(refused.status).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(((await refused.json()) as { type: string }).type).toBe(problemType('invalid-unsubscribe-token'));
    }
    const missing = await fetch(`${gateway.url}/api/v1/platform/unsubscribe`, { method: 'POST' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['token']);
    expect(await categories()).toEqual(untouched);

    // Opening the link (a browser, or a mail scanner) changes nothing: a page with a button, or JSON.
    const checked = await fetch(at(token), { headers: { accept: 'application/json' } });
    expect(checked.status).toBe(200);
    expect(await checked.json()).toEqual({ category: 'billing', tenantId: a.tenantId, unsubscribed: false });
    const page = await fetch(at(token), { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/<form method="post" action="\/api\/v1\/platform\/unsubscribe\?token=[^"]+">/);
    expect(await categories()).toEqual(untouched);

    // The mail client's one-click POST, no API key: that category only, and again is harmless.
    const done = await oneClick(token, `${correlation}-ok`);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ category: 'billing', tenantId: a.tenantId, unsubscribed: true });
    expect(await categories()).toEqual({ ...untouched, billing: false });
    expect((await oneClick(token, `${correlation}-again`)).status).toBe(200);
    expect(await categories()).toEqual({ ...untouched, billing: false });

    // A form post anywhere else is still refused.
    const form = await fetch(`${gateway.url}/api/v1/platform/tenants`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=x' });
    expect(form.status).toBe(415);

    // Audited, every call (not once per address and minute), the success under its tenant.
    type Entry = { path: string; status: number; correlationId: string | null; tenantId: string | null; apiKeyId: string | null };
    // Written once each answer is sent: the last one may still be on its way.
    const mine = await waitFor(async () => {
      const entries = ((await gateway.call('GET', '/audit?limit=100')).body['items'] as Entry[]).filter((e) => e.correlationId?.startsWith(correlation));
      return entries.length >= 4 ? entries : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100, what: 'the audit entries of the unsubscribe calls' });
    expect(mine.map((e) => [e.path, e.status, e.tenantId, e.apiKeyId]).sort()).toEqual(
      [
        ['/api/v1/platform/unsubscribe', 400, null, null],
        ['/api/v1/platform/unsubscribe', 400, null, null],
        ['/api/v1/platform/unsubscribe', 200, a.tenantId, null],
        ['/api/v1/platform/unsubscribe', 200, a.tenantId, null],
      ].sort(),
    );
  });
});
