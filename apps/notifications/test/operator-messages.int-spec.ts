// Operators' messages by mail, against the real broker, database and an SMTP server in the test process: a bulk job's
// `notify-admins` (TenantAdminsNotificationRequested) reaches the tenant's admin in its language, and is not mailed to
// an admin who switched lifecycle mail off; a maintenance window's grace notice (MaintenanceScheduled) reaches the
// admin of every tenant it names, once each; a global window's reaches every tenant still on the platform and none
// that was offboarded, and a plan's window on a plan without tenants reaches no one.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, testKafka, TestSmtpServer, waitFor } from '@tenantry/testing';
import { RunningNotifications, startNotifications } from './notifications-client';

jest.setTimeout(120_000);

const kafka = testKafka();

function tenantCreated(tenantId: string, adminEmail: string, language: string): EventPayload<'TenantCreated'> {
  return {
    tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: `Acme ${tenantId.slice(0, 8)}`, domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false }, adminEmail, configuration: { theme: 'default', language, timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: new Date().toISOString(),
  };
}

describe('operator messages by mail (int)', () => {
  let smtp: TestSmtpServer;
  let svc: RunningNotifications;

  async function newTenant(language: string): Promise<{ tenantId: string; email: string; name: string }> {
    const tenantId = randomUUID();
    const email = `admin-${tenantId.slice(0, 8)}@tenant.example`;
    const created = tenantCreated(tenantId, email, language);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created)]);
    await waitFor(async () => ((await svc.api.preferences(tenantId)).status === 200 ? true : undefined), { timeoutMs: 30_000, intervalMs: 100, what: `tenant ${tenantId} in the directory` });
    return { tenantId, email, name: created.name };
  }

  const mailsTo = (email: string, count = 1) => waitFor(async () => (smtp.to(email).length >= count ? smtp.to(email) : undefined), { timeoutMs: 30_000, intervalMs: 100, what: `${count} mail(s) to ${email}` });

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    svc = await startNotifications({ env: { SMTP_URL: smtp.url } });
  });

  afterAll(async () => {
    await svc?.stop();
    await smtp?.stop();
  });

  it("mails a bulk job's message to the tenant's admin, and not to one who switched lifecycle mail off", async () => {
    const a = await newTenant('en');
    const b = await newTenant('en');
    expect((await svc.api.setPreferences(b.tenantId, { recipient: b.email, categories: { lifecycle: false } })).status).toBe(200);
    const message = (tenantId: string): EventPayload<'TenantAdminsNotificationRequested'> => ({
      tenantId, bulkJobId: randomUUID(), subject: 'New region available', message: 'Your data can now be hosted in Frankfurt.', actor: 'key:ops', at: new Date().toISOString(),
    });
    await produce(kafka, TOPICS.GATEWAY_OPERATIONS.name, [eventMessage('TenantAdminsNotificationRequested', message(a.tenantId)), eventMessage('TenantAdminsNotificationRequested', message(b.tenantId))]);
    const [mail] = await mailsTo(a.email);
    expect(mail?.subject).toBe(`${a.name}: New region available`);
    expect(mail?.text).toContain('Your data can now be hosted in Frankfurt.');
    const suppressed = await waitFor(async () => (await svc.api.notifications({ tenantId: b.tenantId, type: 'admin-message' })).body.notifications[0], { timeoutMs: 30_000, intervalMs: 100, what: "b's message in the log" });
    expect(suppressed.status).toBe('suppressed');
    expect(smtp.to(b.email)).toEqual([]);
  });

  it("sends a maintenance window's grace notice to the admin of each tenant it names, in the tenant's language, once", async () => {
    const en = await newTenant('en');
    const de = await newTenant('de');
    const scheduled: EventPayload<'MaintenanceScheduled'> = {
      maintenanceId: randomUUID(), tenantIds: [en.tenantId, de.tenantId], startsAt: '2026-12-05T02:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', reason: 'database upgrade', scope: 'plan', planId: 'starter', emergency: false,
    };
    const event = eventMessage('MaintenanceScheduled', scheduled);
    await produce(kafka, TOPICS.GATEWAY_OPERATIONS.name, [event, event]);
    const [english] = await mailsTo(en.email);
    expect(english?.subject).toBe(`${en.name}: maintenance from 2026-12-05T02:00:00.000Z`);
    expect(english?.text).toContain('Reason: database upgrade');
    expect(english?.text).toContain('503 and a Retry-After header');
    const [german] = await mailsTo(de.email);
    expect(german?.subject).toBe(`${de.name}: Wartung ab 2026-12-05T02:00:00.000Z`);
    // The same event delivered twice mails each admin once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect([smtp.to(en.email).length, smtp.to(de.email).length]).toEqual([1, 1]);
  });

  it('sends a global window\'s notice to every tenant still on the platform, not to an offboarded one, and a plan window without tenants to no one', async () => {
    const [staying, other, leaving] = [await newTenant('en'), await newTenant('en'), await newTenant('en')];
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [eventMessage('TenantOffboarded', {
      tenantId: leaving.tenantId, archiveUri: `file:///exports/${leaving.tenantId}.tar.gz`, archiveSha256: 'a'.repeat(64), retainedUntil: '2027-03-01T00:00:00.000Z', at: new Date().toISOString(),
    })]);
    await mailsTo(leaving.email);
    const window = (scope: 'global' | 'plan', reason: string): EventPayload<'MaintenanceScheduled'> => ({
      maintenanceId: randomUUID(), tenantIds: [], startsAt: '2026-12-06T02:00:00.000Z', endsAt: '2026-12-06T04:00:00.000Z', reason, scope, ...(scope === 'plan' ? { planId: 'enterprise' } : {}), emergency: false,
    });
    await produce(kafka, TOPICS.GATEWAY_OPERATIONS.name, [eventMessage('MaintenanceScheduled', window('plan', 'no tenant on this plan')), eventMessage('MaintenanceScheduled', window('global', 'network upgrade'))]);
    const [notice] = await mailsTo(staying.email);
    expect(notice?.text).toContain('Reason: network upgrade');
    expect((await mailsTo(other.email))[0]?.text).toContain('Reason: network upgrade');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The offboarded tenant's admin got the offboarding mail only; no one got the empty plan's notice.
    expect(smtp.to(leaving.email).map((mail) => mail.text).filter((text) => text.includes('Reason:'))).toEqual([]);
    expect(smtp.mails.filter((mail) => mail.text.includes('no tenant on this plan'))).toEqual([]);
  });
});
