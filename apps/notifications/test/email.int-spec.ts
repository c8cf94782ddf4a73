// Email notifications against the real broker, database and a real SMTP server in the test process
// (smtp-server; each mail parsed with mailparser): the welcome mail with a working invitation link
// whose token is on no topic and in no table; preferences (an opted-out category is not mailed, a
// critical one still is); one-click unsubscribe; 4xx retried, 5xx not; a redelivered event mails
// once; usage digests; template overrides validated on save; the log scoped by tenant.
import { randomUUID } from 'node:crypto';
import { deriveInvitationToken } from '@tenantry/internal-auth';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { NotificationViewDto } from '@tenantry/notifications-api';
import { Problem, RunningNotifications, startNotifications } from './notifications-client';
import { devSecretsEnv, eventMessage, hrefs, produce, readTopic, ReceivedMail, ReceivedMessage, testKafka, TestSmtpServer, waitFor } from '@tenantry/testing';

jest.setTimeout(120_000);

const kafka = testKafka();
const OPERATOR = 'ops-oncall@platform.example';

function tenantCreated(tenantId: string, adminEmail: string, language = 'en'): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Acme ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail,
    configuration: { theme: 'default', language, timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: new Date().toISOString(),
  };
}

const admin = (label: string) => `${label}-${randomUUID().slice(0, 8)}@tenant.example`;

describe('email notifications (int)', () => {
  let smtp: TestSmtpServer;
  let svc: RunningNotifications;

  async function newTenant(label: string, language = 'en'): Promise<{ tenantId: string; email: string; name: string }> {
    const tenantId = randomUUID();
    const email = admin(label);
    const created = tenantCreated(tenantId, email, language);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created)]);
    await waitFor(async () => ((await svc.api.preferences(tenantId)).status === 200 ? true : undefined), { timeoutMs: 30_000, intervalMs: 100, what: `tenant ${tenantId} in the directory` });
    return { tenantId, email, name: created.name };
  }

  const mailsTo = (email: string, count = 1): Promise<ReceivedMail[]> =>
    waitFor(async () => (smtp.to(email).length >= count ? smtp.to(email) : undefined), { timeoutMs: 30_000, intervalMs: 100, what: `${count} mail(s) to ${email}` });

  const logOf = async (tenantId: string, query: Record<string, string> = {}): Promise<NotificationViewDto[]> => (await svc.api.notifications({ tenantId, ...query })).body.notifications;

  function invoiceIssued(tenantId: string, invoiceId = randomUUID()): EventPayload<'InvoiceIssued'> {
    return { tenantId, invoiceId, amountMinor: 2900, currency: 'USD', periodStart: '2026-10-01T00:00:00.000Z', periodEnd: '2026-11-01T00:00:00.000Z', dueAt: '2026-11-15T00:00:00.000Z' };
  }

  // Billing's other non-critical mail, for the tests of sending as such: an invoice-issued mail needs its PDF from billing (invoice-pdf.int-spec.ts).
  const trialEnding = (tenantId: string, willConvert = false): EventPayload<'TrialEnding'> => ({
    tenantId, subscriptionId: randomUUID(), planId: 'starter', trialEndsAt: '2026-12-04T09:00:00.000Z', daysLeft: 3, willConvert, at: new Date().toISOString(),
  });

  function suspended(tenantId: string): EventPayload<'TenantSuspended'> {
    return { tenantId, from: 'active', to: 'suspended', reason: 'unpaid invoice', actor: 'billing', at: new Date().toISOString() };
  }

  function threshold(tenantId: string, percent: number, metric = 'api_calls'): EventPayload<'UsageThresholdReached'> {
    return { tenantId, metric, periodStart: '2026-11-01T00:00:00.000Z', thresholdPercent: percent, usage: String(percent * 1000), limit: '100000', at: new Date().toISOString() };
  }

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    svc = await startNotifications({ env: { SMTP_URL: smtp.url, NOTIFY_OPERATOR_EMAILS: OPERATOR, NOTIFY_DIGEST_WINDOW_SECONDS: '4', NOTIFY_MAX_ATTEMPTS: '4' } });
  });

  afterAll(async () => {
    await svc?.stop();
    await smtp?.stop();
  });

  it('mails the first admin a welcome with a working invitation link once the tenant is provisioned; the token is on no topic and in no table', async () => {
    const { tenantId, email, name } = await newTenant('welcome');
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const hostname = `t-${tenantId.slice(0, 8)}.tenantry.local`;
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantAdminCreated', { tenantId, userId: randomUUID(), email, invitationExpiresAt: expiresAt }),
      eventMessage('TenantProvisioned', { tenantId, schemaName: `tenant_${tenantId.slice(0, 8)}`, storageRoot: '/srv/t', hostname, at: new Date().toISOString() }),
    ]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(`Welcome to ${name}: accept your invitation`);
    // The link provisioning's stored hash accepts: the token derived from INVITATION_KEY and the invitation's facts.
    const token = deriveInvitationToken(devSecretsEnv()['INVITATION_KEY'] ?? '', { tenantId, email, expiresAt });
    const link = `https://${hostname}/invitations/accept?token=${token}`;
    expect(mail?.text).toContain(link);
    expect(hrefs(mail?.html ?? '')).toContain(link);
    expect(mail?.header('list-unsubscribe')).toBeUndefined(); // critical: no unsubscribe
    expect(mail?.messageId).toMatch(/^<[0-9a-f-]{36}@tenantry\.local>$/);

    const [row] = await waitFor(async () => {
      const rows = await logOf(tenantId, { type: 'welcome' });
      return rows[0]?.status === 'delivered' ? rows : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100, what: 'the welcome delivery recorded' });
    expect(row).toMatchObject({ recipient: email, critical: true, attempts: 1, messageId: mail?.messageId });

    const delivered = await readTopic(kafka, TOPICS.NOTIFICATIONS.name, (all) => all.some((m) => m.headers['ce_type'] === 'NotificationDelivered' && JSON.parse(m.value ?? '{}').notificationId === row?.id));
    expect(delivered.filter((m) => JSON.parse(m.value ?? '{}').notificationId === row?.id)).toHaveLength(1);
    // Every topic the token could have travelled on, read from the beginning with a plain kafkajs consumer.
    const seen: ReceivedMessage[] = [];
    for (const topic of [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.NOTIFICATIONS.name]) {
      seen.push(...(await readTopic(kafka, topic, (all) => all.some((m) => m.value?.includes(tenantId) ?? false), { settleMs: 500 })));
    }
    expect(seen.some((m) => m.value?.includes(tenantId))).toBe(true);
    expect(seen.filter((m) => `${m.value ?? ''}${JSON.stringify(m.headers)}`.includes(token))).toEqual([]);
    const tables = (await svc.dataSource.query(
      `SELECT string_agg(t::text, '') AS dump FROM (SELECT d::text AS t FROM ${svc.schema}.email_deliveries d UNION ALL SELECT x::text FROM ${svc.schema}.tenant_directory x UNION ALL SELECT o::text FROM ${svc.schema}.outbox o) all_rows`,
    )) as { dump: string }[];
    expect(tables[0]?.dump).toContain(tenantId);
    expect(tables[0]?.dump).not.toContain(token);
  });

  it('mails the welcome even when the provisioning events come before TenantCreated, and logs what it cannot address without blocking', async () => {
    const tenantId = randomUUID();
    const email = admin('early');
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const hostname = `early-${tenantId.slice(0, 8)}.tenantry.local`;
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('InvoiceIssued', invoiceIssued(tenantId))]);
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [
      eventMessage('TenantAdminCreated', { tenantId, userId: randomUUID(), email, invitationExpiresAt: expiresAt }),
      eventMessage('TenantProvisioned', { tenantId, schemaName: 't', storageRoot: '/srv/t', hostname, at: new Date().toISOString() }),
    ]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(`Welcome to ${hostname}: accept your invitation`);
    expect(mail?.text).toContain(`https://${hostname}/invitations/accept?token=${deriveInvitationToken(devSecretsEnv()['INVITATION_KEY'] ?? '', { tenantId, email, expiresAt })}`);
    const unaddressed = await waitFor(async () => (await logOf(tenantId, { type: 'invoice-issued' }))[0], { timeoutMs: 10_000, intervalMs: 100, what: 'the invoice mail logged' });
    expect(unaddressed).toMatchObject({ status: 'failed', recipient: '', lastError: expect.stringContaining('no administrator known') });
  });

  it('does not mail a category the recipient opted out of; critical mails still go, without an unsubscribe link', async () => {
    const { tenantId, email } = await newTenant('prefs');
    const set = await svc.api.setPreferences(tenantId, { recipient: email, categories: { usage: false } });
    expect(set.status).toBe(200);
    expect(set.body.recipients).toEqual([{ recipient: email, categories: { usage: false, billing: true, lifecycle: true, product: true } }]);
    const refused = await svc.api.setPreferences(tenantId, { recipient: email, categories: { suspension: false } });
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['categories.suspension']);

    await produce(kafka, TOPICS.METERING_ALERTS.name, [eventMessage('UsageThresholdReached', threshold(tenantId, 80))]);
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantSuspended', suspended(tenantId))]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toContain('was suspended');
    expect(mail?.header('list-unsubscribe')).toBeUndefined();
    const rows = await waitFor(async () => {
      const all = await logOf(tenantId);
      return all.length === 2 && all.every((r) => r.status !== 'pending' && r.status !== 'sending') ? all : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100, what: 'both notifications settled' });
    expect(rows.map((r) => [r.type, r.status]).sort()).toEqual([['tenant-suspended', 'delivered'], ['usage-alert', 'suppressed']]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('puts RFC 8058 one-click unsubscribe headers and a link on non-critical mails; the token switches off that category only', async () => {
    const { tenantId, email } = await newTenant('unsub');
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(tenantId))]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toContain('your trial ends in 3 day(s)');
    const header = mail?.header('list-unsubscribe') ?? '';
    expect(mail?.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https?:\/\/[^>]+)>$/.exec(header)?.[1] ?? '';
    expect(url).toMatch(/\/api\/v1\/platform\/unsubscribe\?token=/);
    expect(mail?.text).toContain(url);
    expect(hrefs(mail?.html ?? '')).toContain(url);
    const token = new URL(url).searchParams.get('token') ?? '';

    const tampered = await svc.api.unsubscribe(`${token.slice(0, -2)}xx`);
    expect(tampered.status).toBe(400);
    expect((await svc.api.preferences(tenantId)).body.recipients[0]?.categories.billing).toBe(true);

    const done = await svc.api.unsubscribe(token);
    expect(done).toMatchObject({ status: 200, body: { category: 'billing', unsubscribed: true } });
    expect((await svc.api.preferences(tenantId)).body.recipients[0]?.categories).toEqual({ usage: true, billing: false, lifecycle: true, product: true });

    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(tenantId))]);
    await waitFor(async () => ((await logOf(tenantId, { status: 'suppressed' })).length === 1 ? true : undefined), { timeoutMs: 10_000, intervalMs: 100, what: 'the second billing mail suppressed' });
    expect(smtp.to(email)).toHaveLength(1);
  });

  it("mails the tenant's admin that the trial ends in 3 days, in the tenant's language, saying whether it converts", async () => {
    const en = await newTenant('trial-en');
    const de = await newTenant('trial-de', 'de');
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(en.tenantId, false)), eventMessage('TrialEnding', trialEnding(de.tenantId, true))]);
    const [english] = await mailsTo(en.email);
    expect(english?.subject).toBe(`${en.name}: your trial ends in 3 day(s)`);
    expect(english?.text).toContain('ends on 2026-12-04T09:00:00.000Z');
    expect(english?.text).toContain('Add a payment method before then');
    expect(english?.header('list-unsubscribe')).toMatch(/\/api\/v1\/platform\/unsubscribe\?token=/); // billing: can be switched off
    const [german] = await mailsTo(de.email);
    expect(german?.subject).toBe(`${de.name}: Ihre Testphase endet in 3 Tag(en)`);
    expect(german?.text).toContain('kostenpflichtig weiter');
    // The server has the mail a moment before the row is marked delivered.
    const logged = await waitFor(async () => {
      const rows = await logOf(en.tenantId, { type: 'trial-ending', status: 'delivered' });
      return rows.length > 0 ? rows : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100, what: 'the trial-ending mail logged as delivered' });
    expect(logged.map((n) => [n.recipient, n.category])).toEqual([[en.email, 'billing']]);
  });

  it('retries temporary (4xx) SMTP refusals with backoff and never retries a permanent (5xx) one', async () => {
    const flaky = await newTenant('flaky');
    const dead = await newTenant('dead');
    smtp.script(flaky.email, [451, 452]);
    smtp.script(dead.email, [550], true);
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(flaky.tenantId)), eventMessage('TrialEnding', trialEnding(dead.tenantId))]);

    const mails = await mailsTo(flaky.email);
    expect(mails).toHaveLength(1);
    const flakyRow = await waitFor(async () => (await logOf(flaky.tenantId)).find((r) => r.status === 'delivered'), { timeoutMs: 10_000, intervalMs: 100, what: 'flaky delivered' });
    expect(flakyRow.attempts).toBe(3);

    const deadRow = await waitFor(async () => (await logOf(dead.tenantId)).find((r) => r.status === 'failed'), { timeoutMs: 10_000, intervalMs: 100, what: 'dead failed' });
    expect(deadRow).toMatchObject({ attempts: 1, lastError: expect.stringContaining('550') });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(smtp.refusals.filter((r) => r.to === dead.email)).toHaveLength(1);
    expect(smtp.to(dead.email)).toHaveLength(0);

    const failedEvents = await readTopic(kafka, TOPICS.NOTIFICATIONS.name, (all) => all.some((m) => m.headers['ce_type'] === 'NotificationFailed' && JSON.parse(m.value ?? '{}').notificationId === deadRow.id));
    const failed = failedEvents.find((m) => JSON.parse(m.value ?? '{}').notificationId === deadRow.id);
    expect(JSON.parse(failed?.value ?? '{}')).toMatchObject({ tenantId: dead.tenantId, channel: 'email', attempts: 1 });
  });

  it('mails a redelivered event once', async () => {
    const { tenantId, email } = await newTenant('redelivered');
    const eventId = randomUUID();
    const payload = trialEnding(tenantId);
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', payload, eventId)]);
    await mailsTo(email);
    // Then a marker on the same topic and key (so the same partition, consumed after the copies).
    await produce(kafka, TOPICS.BILLING.name, [
      eventMessage('TrialEnding', payload, eventId),
      eventMessage('TrialEnding', payload, eventId),
      eventMessage('InvoiceFailed', { tenantId, invoiceId: randomUUID(), amountMinor: 2900, currency: 'USD', attempt: 1, reason: 'card_declined' }),
    ]);
    await mailsTo(email, 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email).map((m) => m.subject).filter((s) => s.includes('trial'))).toHaveLength(1);
    expect(await logOf(tenantId, { type: 'trial-ending' })).toHaveLength(1);
  });

  it('sends usage alerts within the digest window as one mail listing them', async () => {
    const { tenantId, email } = await newTenant('digest', 'de-AT');
    await produce(kafka, TOPICS.METERING_ALERTS.name, [eventMessage('UsageThresholdReached', threshold(tenantId, 80))]);
    const [first] = await mailsTo(email);
    expect(first?.subject).toContain('Nutzungswarnung'); // the tenant's language
    await produce(kafka, TOPICS.METERING_ALERTS.name, [
      eventMessage('UsageThresholdReached', threshold(tenantId, 100)),
      eventMessage('UsageLimitExceeded', { tenantId, metric: 'storage_bytes', periodStart: '2026-11-01T00:00:00.000Z', usage: '120', limit: '100', mode: 'soft', at: new Date().toISOString() }),
      eventMessage('UnusualUsageDetected', { tenantId, metric: 'api_calls', hourStart: '2026-11-30T10:00:00.000Z', observed: 9000, baselineMean: 1250, baselineStdDev: 100, baselineMedian: 1200, at: new Date().toISOString() }),
    ]);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.to(email)).toHaveLength(1); // still inside the 4 s window
    const mails = await mailsTo(email, 2);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.text).toContain('api_calls: 100000 von 100000');
    expect(mails[1]?.text).toContain('storage_bytes: 120 von 100 (über dem Limit)');
    expect(mails[1]?.text).toContain('api_calls: 9000 in einer Stunde, ungewöhnlich (sonst etwa 1200)');
    // The SMTP server has the mail before the service records the delivery, so wait for the log.
    const rows = await waitFor(async () => {
      const all = await logOf(tenantId, { type: 'usage-alert' });
      return all.length === 4 && all.every((r) => r.status !== 'sending' && r.status !== 'pending') ? all : undefined;
    }, { timeoutMs: 10_000, intervalMs: 100, what: 'the four usage alerts logged with their outcome' });
    expect(rows.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(2);
  });

  it('mails operators about a failed provisioning, degraded performance and churn risk, outside any tenant log', async () => {
    const { tenantId } = await newTenant('failing');
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [eventMessage('TenantProvisioningFailed', { tenantId, step: 'domain', reason: `DNS timeout ${tenantId}`, attempts: 3, at: new Date().toISOString() })]);
    const mail = await waitFor(async () => smtp.to(OPERATOR).find((m) => m.text.includes(tenantId)), { timeoutMs: 30_000, intervalMs: 100, what: 'the operator mail' });
    expect(mail.subject).toMatch(/^Provisioning of Acme .* failed at domain$/);
    await produce(kafka, TOPICS.METERING_ALERTS.name, [eventMessage('TenantPerformanceDegraded', { tenantId, windowStart: '2026-11-30T10:00:00.000Z', p95Ms: 1800, errorRate: 0.07, requests: 5200, at: new Date().toISOString() })]);
    await produce(kafka, TOPICS.HEALTH.name, [eventMessage('ChurnRiskDetected', { tenantId, risk: 'high', reasons: [`usage down ${tenantId}`], at: new Date().toISOString() })]);
    const subjects = await waitFor(async () => {
      const about = smtp.to(OPERATOR).filter((m) => m.text.includes(tenantId)).map((m) => m.subject);
      return about.length >= 3 ? about.sort() : undefined;
    }, { timeoutMs: 30_000, intervalMs: 100, what: 'the operator mails about performance and churn' });
    expect(subjects).toEqual([expect.stringMatching(/: high churn risk$/), expect.stringMatching(/: performance degraded \(p95 1800 ms\)$/), expect.stringMatching(/failed at domain$/)]);
    expect(await logOf(tenantId)).toEqual([]);
  });

  it('validates template overrides on save, naming the field, and uses a saved one', async () => {
    const before = await svc.api.template('trial-ending', 'en');
    expect(before).toMatchObject({ status: 200, body: { overridden: false, language: 'en' } });
    const broken = await svc.api.putTemplate('trial-ending', { subject: 'Invoice {{nope}}', html: '{{#each alerts}}<p>', text: 'fine {{daysLeft}}' });
    expect(broken.status).toBe(400);
    expect((broken.body as unknown as Problem).errors?.map((e) => e.field).sort()).toEqual(['html', 'subject']);
    expect((await svc.api.template('trial-ending', 'en')).body.overridden).toBe(false);
    expect((await svc.api.putTemplate('no-such-type', { subject: 'x', html: 'x', text: 'x' })).status).toBe(404);
    expect((await svc.api.putTemplate('trial-ending', { subject: 'x', html: 'x' })).status).toBe(400);

    const saved = await svc.api.putTemplate('trial-ending', { language: 'en', subject: 'Trial of {{tenant.name}}: {{daysLeft}} day(s) left', html: '<p>Plan {{planId}}</p>', text: 'Plan {{planId}}' });
    expect(saved).toMatchObject({ status: 200, body: { overridden: true, subject: 'Trial of {{tenant.name}}: {{daysLeft}} day(s) left' } });
    const { tenantId, email, name } = await newTenant('override');
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(tenantId))]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(`Trial of ${name}: 3 day(s) left`);
    expect(mail?.text).toContain('Plan starter');
  });

  it('scopes the log by tenant and refuses bad filters naming them', async () => {
    const a = await newTenant('iso-a');
    const b = await newTenant('iso-b');
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('TrialEnding', trialEnding(a.tenantId)), eventMessage('TrialEnding', trialEnding(b.tenantId))]);
    await mailsTo(a.email);
    await mailsTo(b.email);
    const rowsA = await logOf(a.tenantId);
    expect(rowsA.length).toBeGreaterThan(0);
    expect(rowsA.every((r) => r.tenantId === a.tenantId && r.recipient === a.email)).toBe(true);
    const bad = await svc.api.notifications({ tenantId: 'nope', status: 'lost', limit: '0' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as Problem).errors?.map((e) => e.field).sort()).toEqual(['limit', 'status', 'tenantId']);
    expect((await svc.api.preferences(randomUUID())).status).toBe(404);
  });
});
