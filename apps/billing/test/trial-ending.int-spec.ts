// TrialEnding against the real broker and database, billing in-process on an injected clock (its own
// schema, so no other suite's trials): nothing while more than TRIAL_ENDING_NOTICE_DAYS are left,
// one TrialEnding once the clock is moved into the notice period — and only one, however often the
// trial check runs after that — then the trial ends as before (TrialEnded).
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, sleep, testKafka } from '@tenantry/testing';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(90_000);

const kafka = testKafka();
const DAY_MS = 86_400_000;
const CHECK_MS = 150;

function trialTenant(tenantId: string, createdAt: Date, days: number): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Trial ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: 'starter', trial: true, duration: days },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: createdAt.toISOString(),
  };
}

describe('trial ending notice (int)', () => {
  const start = new Date(Math.floor(Date.now() / 1000) * 1000);
  let billing: RunningBilling;

  beforeAll(async () => {
    billing = await startBilling(start, { TRIAL_CHECK_INTERVAL_MS: String(CHECK_MS), TRIAL_ENDING_NOTICE_DAYS: '3' }, { skipBacklog: true });
  });

  afterAll(async () => {
    await billing?.stop();
  });

  const ofTenant = (tenantId: string, type: string) => (all: ReceivedMessage[]) => all.filter((m) => m.key === tenantId && m.headers['ce_type'] === type);

  it('publishes TrialEnding once when 3 days or fewer are left, with whether it will convert, and not before', async () => {
    const tenantId = randomUUID();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', trialTenant(tenantId, start, 5))]);
    const trialEndsAt = new Date(start.getTime() + 5 * DAY_MS);
    expect(await billing.api.awaitSubscription(tenantId)).toMatchObject({ status: 'trialing', trialEndsAt: trialEndsAt.toISOString() });

    // 5 days left: several checks, no notice (the subscription event is there, so the topic was read past it).
    await sleep(CHECK_MS * 5);
    const early = await readTopic(kafka, TOPICS.BILLING.name, (all) => ofTenant(tenantId, 'SubscriptionChanged')(all).length > 0, { settleMs: 300 });
    expect(ofTenant(tenantId, 'TrialEnding')(early)).toEqual([]);

    // 2 days and 23 hours left: told, rounded up to 3 days; no card on file, so it will expire.
    billing.clock.advance(2 * DAY_MS + 3_600_000);
    const told = await readTopic(kafka, TOPICS.BILLING.name, (all) => ofTenant(tenantId, 'TrialEnding')(all).length > 0);
    const [notice] = ofTenant(tenantId, 'TrialEnding')(told);
    expect(JSON.parse(notice?.value ?? '{}')).toEqual({
      tenantId,
      subscriptionId: expect.any(String),
      planId: 'starter',
      trialEndsAt: trialEndsAt.toISOString(),
      daysLeft: 3,
      willConvert: false,
      at: new Date(start.getTime() + 2 * DAY_MS + 3_600_000).toISOString(),
    });

    // Many more checks, a day later still in the period: still one notice.
    billing.clock.advance(DAY_MS);
    await sleep(CHECK_MS * 8);
    // Past the end: the trial ends as before, and no second notice came meanwhile.
    billing.clock.advance(2 * DAY_MS);
    const after = await readTopic(kafka, TOPICS.BILLING.name, (all) => ofTenant(tenantId, 'TrialEnded')(all).length > 0, { settleMs: 500 });
    expect(ofTenant(tenantId, 'TrialEnding')(after)).toHaveLength(1);
    expect(JSON.parse(ofTenant(tenantId, 'TrialEnded')(after)[0]?.value ?? '{}')).toMatchObject({ tenantId, outcome: 'expired' });
  });
});
