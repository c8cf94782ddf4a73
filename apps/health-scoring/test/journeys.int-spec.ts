// Lifecycle journeys against the real broker and database, health scoring in-process with a
// ManualClock (fast periodic job) and notifications as its compiled process mailing a real SMTP
// test server: an onboarding checklist progressing from scripted events (with time to first value
// and TenantOnboardingProgressed per item), a churn-risk event turned into an operator check-in and
// a mail to the tenant's admin, win-back after the delay and never for a tenant removed for abuse
// or a written-off debt, and a success check-in for a green tenant at the configured cadence.
import { randomUUID } from 'node:crypto';
import { EventName, EventPayload, TOPICS } from '@tenantry/contracts';
import type { CheckInListDto, CheckInViewDto, OffboardingFeedbackListDto, OnboardingViewDto } from '@tenantry/health-api';
import { eventMessage, produce, readTopic, ReceivedMessage, RunningService, sleep, startGroupAtEnd, startService, TestSmtpServer, testKafka, uniqueName, waitFor, waitUntilReady } from '@tenantry/testing';
import { Problem, RunningHealth, startHealthScoring } from './health-client';

jest.setTimeout(180_000);

const kafka = testKafka();
const START = new Date('2026-09-01T00:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

const ONBOARDING = randomUUID();
const CHURNING = randomUUID();
const LEFT = randomUUID();
const ABUSE = randomUUID();
const WRITTEN_OFF = randomUUID();
const THRIVING = randomUUID();
const adminOf = (tenantId: string) => `admin-${tenantId.slice(0, 8)}@journeys.example.com`;

/** A tenant on a platform subdomain, or on the custom domain given. */
function created(tenantId: string, name: string, language = 'en', customDomain?: string): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `j-${tenantId.slice(0, 8)}`,
    name,
    domain: customDomain ? { type: 'custom', value: customDomain, ssl: true } : { type: 'subdomain', value: `j-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: false },
    adminEmail: adminOf(tenantId),
    configuration: { theme: 'default', language, timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 5 },
    createdAt: START.toISOString(),
  };
}

const status = (tenantId: string, from: string, to: string, when: string, reason?: string) =>
  ({ tenantId, from, to, actor: 'key:ops', at: when, ...(reason ? { reason } : {}) }) as EventPayload<'TenantSuspended'>;

const ofType = <N extends EventName>(all: ReceivedMessage[], type: N, tenantId: string) =>
  all.filter((m) => m.headers['ce_type'] === type && m.key === tenantId).map((m) => JSON.parse(m.value ?? '{}') as EventPayload<N>);

describe('health scoring: lifecycle journeys (int)', () => {
  let health: RunningHealth;
  let notifications: RunningService;
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    await smtp.start();
    // Notifications as its compiled process, its groups starting at the end of the topics (it mails only what this spec publishes).
    const prefix = `${uniqueName('journeys_notify')}.`;
    await startGroupAtEnd(`${prefix}notifications.email`, [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.METERING_ALERTS.name, TOPICS.BILLING.name, TOPICS.HEALTH.name]);
    notifications = await startService('notifications', { SMTP_URL: smtp.url, KAFKA_GROUP_PREFIX: prefix, NOTIFY_SEND_INTERVAL_MS: '100', NOTIFY_OPERATOR_EMAILS: 'ops@journeys.example.com' });
    await waitUntilReady(notifications);
    health = await startHealthScoring(START, { HEALTH_RECOMPUTE_INTERVAL_MS: '200', HEALTH_SUCCESS_CHECKIN_DAYS: '90', HEALTH_WINBACK_DELAY_DAYS: '30' });
    await produce(
      kafka,
      TOPICS.TENANT_LIFECYCLE.name,
      [created(ONBOARDING, 'Onboarding Co', 'en', 'shop.onboarding.example.com'), created(CHURNING, 'Churning GmbH', 'de'), created(LEFT, 'Left Ltd'), created(ABUSE, 'Abuse Inc'), created(WRITTEN_OFF, 'Unpaid Ltd'), created(THRIVING, 'Thriving Co', 'en', 'app.thriving.example.com')].map((p) => eventMessage('TenantCreated', p)),
    );
  });

  afterAll(async () => {
    await health?.stop();
    await notifications?.process.kill('SIGTERM');
    await smtp.stop();
  });

  async function onboarding(tenantId: string, ready: (view: OnboardingViewDto) => boolean, what: string): Promise<OnboardingViewDto> {
    return waitFor(
      async () => {
        const answer = await health.api.request<OnboardingViewDto>('GET', `/internal/v1/tenants/${tenantId}/onboarding`);
        return answer.status === 200 && ready(answer.body) ? answer.body : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 150, what },
    );
  }

  // The journeys' row can come first from the tenant's health band (another consumer group) and only then from its TenantCreated: wait for the creation.
  const knowsCreation = (view: OnboardingViewDto) => view.createdAt !== null;

  const mailTo = (address: string, what: string) => waitFor(async () => smtp.mails.find((m) => m.to === address), { timeoutMs: 45_000, intervalMs: 150, what });

  it('derives the onboarding checklist from events: progress, time to first value, one TenantOnboardingProgressed per item', async () => {
    const first = await onboarding(ONBOARDING, knowsCreation, 'the onboarding of a created tenant');
    expect(first).toMatchObject({ tenantId: ONBOARDING, createdAt: START.toISOString(), progressPercent: 0, complete: false, firstValueAt: null, timeToFirstValueSeconds: null });
    expect(first.items.map((i) => [i.item, i.status])).toEqual([
      ['branding-set', 'pending'],
      ['first-usage', 'pending'],
      ['first-active-user', 'pending'],
      ['payment-method-attached', 'pending'],
      ['domain-verified', 'pending'],
    ]);

    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', { tenantId: ONBOARDING, eventId: `j-${randomUUID()}`, metric: 'storage_bytes', quantity: '1024', timestamp: at(2 * HOUR), source: 'collector' })]);
    expect(await onboarding(ONBOARDING, (v) => v.progressPercent === 20, 'first usage')).toMatchObject({ firstValueAt: at(2 * HOUR), timeToFirstValueSeconds: 7200 });

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantConfigChanged', { tenantId: ONBOARDING, version: 2, configuration: { theme: 'default', branding: { logoUrl: 'https://cdn.example.com/logo.png' } }, at: at(3 * HOUR) }),
    ]);
    await onboarding(ONBOARDING, (v) => v.progressPercent === 40, 'branding');
    await produce(kafka, TOPICS.METERING_USAGE.name, [
      eventMessage('UsageRecorded', { tenantId: ONBOARDING, eventId: `j-${randomUUID()}`, metric: 'active_users', quantity: '1', timestamp: at(4 * HOUR), source: 'api', properties: { userId: 'u-1' } }),
    ]);
    await onboarding(ONBOARDING, (v) => v.progressPercent === 60, 'the first active user');
    await produce(kafka, TOPICS.BILLING.name, [eventMessage('InvoicePaid', { tenantId: ONBOARDING, invoiceId: randomUUID(), amountMinor: 2900, currency: 'USD', paidAt: at(5 * HOUR) })]);
    await onboarding(ONBOARDING, (v) => v.progressPercent === 80, 'the payment method');
    await produce(kafka, TOPICS.TENANT_PROVISIONING.name, [eventMessage('DomainVerified', { tenantId: ONBOARDING, domain: 'shop.onboarding.example.com', verifiedAt: at(6 * HOUR), method: 'dns-txt' })]);
    const done = await onboarding(ONBOARDING, (v) => v.complete, 'the whole checklist');
    expect(done).toMatchObject({ progressPercent: 100, timeToFirstValueSeconds: 7200 });
    expect(done.items.find((i) => i.item === 'payment-method-attached')).toMatchObject({ status: 'done', completedAt: at(5 * HOUR) });
    expect(done.items.find((i) => i.item === 'domain-verified')).toMatchObject({ status: 'done', completedAt: at(6 * HOUR), source: 'DomainVerified' });
    // Another tenant's domain is not this one's: its item stays pending.
    const other = await onboarding(THRIVING, knowsCreation, 'the onboarding of another tenant');
    expect(other.items.find((i) => i.item === 'domain-verified')).toMatchObject({ status: 'pending', completedAt: null });
    // A tenant on a platform subdomain has no domain to verify: the item does not apply and is left out of its progress.
    const onSubdomain = await onboarding(CHURNING, knowsCreation, 'the onboarding of a tenant on a subdomain');
    expect(onSubdomain.items.find((i) => i.item === 'domain-verified')).toMatchObject({ status: 'not-applicable', completedAt: null });

    const progressed = ofType(await readTopic(kafka, TOPICS.HEALTH.name, (all) => ofType(all, 'TenantOnboardingProgressed', ONBOARDING).length >= 5, { settleMs: 500 }), 'TenantOnboardingProgressed', ONBOARDING);
    expect(progressed.map((p) => [p.item, p.progressPercent, p.complete])).toEqual([
      ['first-usage', 20, false],
      ['branding-set', 40, false],
      ['first-active-user', 60, false],
      ['payment-method-attached', 80, false],
      ['domain-verified', 100, true],
    ]);
    expect(progressed[0]).toMatchObject({ timeToFirstValueSeconds: 7200, completedItems: ['first-usage'], at: at(2 * HOUR) });

    expect((await health.api.request<Problem>('GET', `/internal/v1/tenants/${randomUUID()}/onboarding`)).status).toBe(404);
  });

  it("completes payment-method-attached on billing's PaymentMethodAttached for that tenant only", async () => {
    const [carded, neighbour] = [randomUUID(), randomUUID()];
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', created(carded, 'Carded Co')), eventMessage('TenantCreated', created(neighbour, 'Neighbour Co'))]);
    await onboarding(neighbour, () => true, 'the onboarding of the neighbour');
    await produce(kafka, TOPICS.BILLING.name, [
      eventMessage('PaymentMethodAttached', { tenantId: carded, paymentMethodId: randomUUID(), brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true, attachedAt: at(HOUR) }),
    ]);
    const view = await onboarding(carded, (v) => v.items.some((i) => i.item === 'payment-method-attached' && i.status === 'done'), 'the attached card');
    expect(view.items.find((i) => i.item === 'payment-method-attached')).toMatchObject({ status: 'done', completedAt: at(HOUR), source: expect.stringContaining('PaymentMethodAttached') });
    expect(view.items.filter((i) => i.status === 'done').map((i) => i.item)).toEqual(['payment-method-attached']);
    const progressed = ofType(await readTopic(kafka, TOPICS.HEALTH.name, (all) => ofType(all, 'TenantOnboardingProgressed', carded).length >= 1), 'TenantOnboardingProgressed', carded);
    expect(progressed.map((p) => [p.item, p.at])).toEqual([['payment-method-attached', at(HOUR)]]);
    const other = await onboarding(neighbour, () => true, 'the onboarding of the neighbour');
    expect(other.items.find((i) => i.item === 'payment-method-attached')).toMatchObject({ status: 'pending', completedAt: null });
    expect(other.items.filter((i) => i.status === 'done')).toEqual([]);
  });

  it('turns entering churn risk into an operator check-in and a mail to the tenant admin (in its language), completed once with a note', async () => {
    await produce(kafka, TOPICS.HEALTH.name, [
      eventMessage('ChurnRiskDetected', { tenantId: CHURNING, risk: 'medium', reasons: ['usage-decline'], details: ['API calls down 45 % against the previous 30 days'], at: START.toISOString() }),
    ]);
    const checkIn = await waitFor(
      async () => (await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins?status=open')).body.items.find((c) => c.tenantId === CHURNING),
      { timeoutMs: 45_000, intervalMs: 150, what: 'the churn-risk check-in' },
    );
    expect(checkIn).toMatchObject({ kind: 'churn-risk', status: 'open', reasons: ['usage-decline'], details: ['API calls down 45 % against the previous 30 days'], dueAt: START.toISOString(), completedAt: null });

    const mail = await mailTo(adminOf(CHURNING), 'the check-in mail to the admin');
    expect(mail.subject).toBe('Churning GmbH: Können wir helfen?');
    expect(mail.text).toContain('API calls down 45 % against the previous 30 days');
    const due = ofType(await readTopic(kafka, TOPICS.HEALTH.name, (all) => ofType(all, 'RetentionCheckInDue', CHURNING).length > 0), 'RetentionCheckInDue', CHURNING);
    expect(due).toEqual([{ tenantId: CHURNING, checkInId: checkIn.id, kind: 'churn-risk', reasons: ['usage-decline'], details: ['API calls down 45 % against the previous 30 days'], at: START.toISOString() }]);

    const bad = await health.api.request<Problem>('POST', `/internal/v1/retention/check-ins/${checkIn.id}/complete`, { note: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['note']);
    const completed = await health.api.request<CheckInViewDto>('POST', `/internal/v1/retention/check-ins/${checkIn.id}/complete`, { note: 'Called them: a migration, back next month.' });
    expect(completed).toMatchObject({ status: 200, body: { id: checkIn.id, status: 'completed', note: 'Called them: a migration, back next month.', completedAt: START.toISOString() } });
    expect((await health.api.request<Problem>('POST', `/internal/v1/retention/check-ins/${checkIn.id}/complete`, { note: 'again' })).status).toBe(409);
    expect((await health.api.request<Problem>('POST', `/internal/v1/retention/check-ins/${randomUUID()}/complete`, { note: 'x' })).status).toBe(404);
    expect((await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins?status=completed')).body.items.map((c) => c.id)).toContain(checkIn.id);
    expect((await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins?status=open')).body.items.map((c) => c.id)).not.toContain(checkIn.id);
    const badStatus = await health.api.request<Problem>('GET', '/internal/v1/retention/check-ins?status=closed');
    expect({ status: badStatus.status, fields: badStatus.body.errors?.map((e) => e.field) }).toEqual({ status: 400, fields: ['status'] });
  });

  it('sends the win-back after the delay, with the offboarding feedback reason, and never to a tenant removed for abuse or a written-off debt', async () => {
    const bad = await health.api.request<Problem>('POST', `/internal/v1/tenants/${LEFT}/offboarding-feedback`, { reason: 'bored', score: 11 });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors?.map((e) => e.field))].sort()).toEqual(['reason', 'score']);
    expect((await health.api.request<OffboardingFeedbackListDto>('GET', `/internal/v1/tenants/${LEFT}/offboarding-feedback`)).body.items).toEqual([]);
    const recorded = await health.api.request('POST', `/internal/v1/tenants/${LEFT}/offboarding-feedback`, { reason: 'too-expensive', score: 4, comment: 'Pricing went up.' });
    expect(recorded).toMatchObject({ status: 201, body: { tenantId: LEFT, reason: 'too-expensive', score: 4, comment: 'Pricing went up.' } });
    expect((await health.api.request<OffboardingFeedbackListDto>('GET', `/internal/v1/tenants/${LEFT}/offboarding-feedback`)).body.items).toMatchObject([{ reason: 'too-expensive', score: 4 }]);

    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantSuspended', status(ABUSE, 'active', 'suspended', at(HOUR / 2), 'abuse: spam campaign')),
      ...[LEFT, ABUSE, WRITTEN_OFF].flatMap((tenantId) => [
        eventMessage('TenantOffboardingStarted', { ...status(tenantId, 'active', 'offboarding', at(HOUR - 60_000)), retentionDays: 30 } as EventPayload<'TenantOffboardingStarted'>),
        eventMessage('TenantDeleted', status(tenantId, 'offboarding', 'deleted', at(HOUR))),
      ]),
    ]);
    await produce(kafka, TOPICS.BILLING.name, [
      eventMessage('DunningEscalated', { tenantId: WRITTEN_OFF, episodeId: randomUUID(), step: 'written_off', daysOverdue: 60, invoiceId: randomUUID(), invoiceIds: [randomUUID()], overdueSince: at(-60 * DAY), at: at(HOUR / 2) } as unknown as EventPayload<'DunningEscalated'>),
    ]);
    // The facts are in before the clock moves (a precondition read from the journeys' own table).
    await waitFor(
      async () => {
        const rows = (await health.dataSource.query(`SELECT count(*)::int AS n FROM journey_tenants WHERE tenant_id = ANY($1::uuid[]) AND removed_at IS NOT NULL AND (tenant_id <> $2 OR suspended_reason IS NOT NULL) AND (tenant_id <> $3 OR written_off_at IS NOT NULL)`, [[LEFT, ABUSE, WRITTEN_OFF], ABUSE, WRITTEN_OFF])) as { n: number }[];
        return rows[0]?.n === 3 ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 150, what: 'the removals in the journeys' },
    );

    health.clock.set(new Date(START.getTime() + 30 * DAY));
    await sleep(1_000);
    // Read through the tenant's partition (its first TenantHealthChanged is there) and a little beyond: no win-back yet.
    const before = await readTopic(kafka, TOPICS.HEALTH.name, (all) => ofType(all, 'TenantHealthChanged', LEFT).length > 0, { settleMs: 1_000 });
    expect(ofType(before, 'WinBackDue', LEFT)).toEqual([]);

    health.clock.set(new Date(START.getTime() + 30 * DAY + 2 * HOUR));
    const winBack = ofType(await readTopic(kafka, TOPICS.HEALTH.name, (all) => ofType(all, 'WinBackDue', LEFT).length > 0), 'WinBackDue', LEFT);
    expect(winBack).toEqual([{ tenantId: LEFT, removedAt: at(HOUR), delayDays: 30, feedbackReason: 'too-expensive', at: at(30 * DAY + 2 * HOUR) }]);
    const mail = await mailTo(adminOf(LEFT), 'the win-back mail');
    expect(mail.subject).toBe('We miss Left Ltd');
    expect(mail.text).toContain('30 days since Left Ltd left');

    await sleep(1_500);
    const all = await readTopic(kafka, TOPICS.HEALTH.name, (m) => ofType(m, 'TenantHealthChanged', ABUSE).length > 0 && ofType(m, 'TenantHealthChanged', WRITTEN_OFF).length > 0, { settleMs: 1_000 });
    expect([...ofType(all, 'WinBackDue', ABUSE), ...ofType(all, 'WinBackDue', WRITTEN_OFF)]).toEqual([]);
    // Their admins were told of the suspension and the dunning, but get no win-back.
    expect(smtp.mails.filter((m) => (m.to === adminOf(ABUSE) || m.to === adminOf(WRITTEN_OFF)) && m.subject.startsWith('We miss'))).toEqual([]);
    expect(smtp.mails.filter((m) => m.to === adminOf(ABUSE)).map((m) => m.subject)).toEqual(['Abuse Inc was suspended']);
    const decided = (await health.dataSource.query(`SELECT tenant_id, winback_status FROM journey_tenants WHERE tenant_id = ANY($1::uuid[]) ORDER BY winback_status`, [[ABUSE, WRITTEN_OFF]])) as { tenant_id: string; winback_status: string }[];
    expect(decided.map((r) => [r.tenant_id, r.winback_status])).toEqual([
      [WRITTEN_OFF, 'skipped: non-payment write-off (dunning reached written_off)'],
      [ABUSE, 'skipped: suspended: abuse: spam campaign'],
    ]);
  });

  it('opens a success check-in for a green tenant once it has been green for the cadence, not before, and not for a removed one', async () => {
    // The thriving tenant has been green since START (health scoring announced its first score then).
    health.clock.set(new Date(START.getTime() + 90 * DAY - HOUR));
    await sleep(1_000);
    const early = (await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins')).body.items;
    expect(early.filter((c) => c.tenantId === THRIVING)).toEqual([]);

    health.clock.set(new Date(START.getTime() + 90 * DAY));
    const success = await waitFor(
      async () => (await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins?status=open')).body.items.find((c) => c.tenantId === THRIVING),
      { timeoutMs: 45_000, intervalMs: 150, what: 'the success check-in' },
    );
    expect(success).toMatchObject({ kind: 'success', reasons: [], dueAt: at(90 * DAY) });
    const mail = await mailTo(adminOf(THRIVING), 'the success check-in mail');
    expect(mail.subject).toBe('How is Thriving Co doing?');
    const items = (await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins')).body.items;
    expect(items.filter((c) => c.kind === 'success' && ([LEFT, ABUSE, WRITTEN_OFF] as string[]).includes(c.tenantId))).toEqual([]);
    await sleep(1_000);
    expect((await health.api.request<CheckInListDto>('GET', '/internal/v1/retention/check-ins')).body.items.filter((c) => c.tenantId === THRIVING)).toHaveLength(1);
  });
});
