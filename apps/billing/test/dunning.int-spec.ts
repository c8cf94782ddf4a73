// Dunning and trial end against the real broker and database, billing in-process with a ManualClock,
// the sandbox provider, and the collection, dunning and trial jobs every 200 ms. A tenant whose card
// keeps failing walks the default ladder (warning at 3 days, suspended at 14, inactive at 30,
// written_off at 60) one step at a time, each exactly once even when the review runs concurrently;
// a tenant that pays in between stops and its episode is cleared; a tenant without a card is
// overdue from its due date. Trials end converted (card on file, or a free plan) or expired.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, testKafka, waitFor } from '@tenantry/testing';
import { EvaluateDunningCommand } from '../src/dunning/usecases/evaluate-dunning/evaluate-dunning.command';
import { EvaluateDunningUseCase } from '../src/dunning/usecases/evaluate-dunning/evaluate-dunning.use-case';
import { RunningBilling, startBilling } from './billing-client';

jest.setTimeout(180_000);

const kafka = testKafka();
const card = (number: string, extra: Record<string, unknown> = {}) => ({ number, expMonth: 12, expYear: 2030, ...extra });

function tenantCreated(tenantId: string, planId: string, trialDays?: number): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: trialDays === undefined ? { id: planId, trial: false } : { id: planId, trial: true, duration: trialDays },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt: '2026-04-01T00:00:00.000Z',
  };
}

type Billed = { tenantId: string; step?: string; daysOverdue?: number; episodeId?: string; invoiceIds?: string[]; stepsTaken?: string[]; outcome?: string; overdueSince?: string };

describe('billing dunning and trial end (int)', () => {
  let billing: RunningBilling;
  const [DEFAULTER, PAYER, NOCARD] = Array.from({ length: 3 }, () => randomUUID()) as [string, string, string];
  const [TRIAL_CARD, TRIAL_NOCARD, TRIAL_FREE] = Array.from({ length: 3 }, () => randomUUID()) as [string, string, string];
  const invoiceOf: Record<string, string> = {};

  /** Billing events of one type about one tenant, once there are `count` of them (and a moment more, to see extras). */
  async function eventsOf(type: string, tenantId: string, count: number): Promise<Billed[]> {
    const pick = (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && JSON.parse(m.value ?? '{}').tenantId === tenantId);
    return pick(await readTopic(kafka, TOPICS.BILLING.name, (all) => pick(all).length >= count, { settleMs: 500 })).map((m) => JSON.parse(m.value ?? '{}') as Billed);
  }

  /** The dunning steps published for a tenant, once there are at least `count`. */
  const steps = async (tenantId: string, count: number) => (await eventsOf('DunningEscalated', tenantId, count)).map((e) => e.step);

  async function at(iso: string): Promise<void> {
    billing.clock.set(new Date(iso));
    // Two job periods: every job has looked at the new time.
    await new Promise((resolve) => setTimeout(resolve, 600));
  }

  beforeAll(async () => {
    billing = await startBilling(new Date('2026-04-02T09:00:00.000Z'), {
      SANDBOX_SETTLE_DELAY_MS: '50',
      PAYMENT_COLLECTION_INTERVAL_MS: '200',
      DUNNING_INTERVAL_MS: '200',
      TRIAL_CHECK_INTERVAL_MS: '200',
      // Retries far apart, so the ladder (not a retry) decides what happens in this test.
      PAYMENT_RETRY_DAYS: '90',
    });
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      ...[DEFAULTER, PAYER, NOCARD].map((id) => eventMessage('TenantCreated', tenantCreated(id, 'starter'))),
      eventMessage('TenantCreated', tenantCreated(TRIAL_CARD, 'starter', 10)),
      eventMessage('TenantCreated', tenantCreated(TRIAL_NOCARD, 'starter', 10)),
      eventMessage('TenantCreated', tenantCreated(TRIAL_FREE, 'free', 10)),
    ]);
    for (const id of [DEFAULTER, PAYER, NOCARD, TRIAL_CARD, TRIAL_NOCARD, TRIAL_FREE]) await billing.api.awaitSubscription(id);
    expect((await billing.api.attachPaymentMethod(DEFAULTER, card('4000000000000341'))).status).toBe(201);
    expect((await billing.api.attachPaymentMethod(PAYER, card('4000000000009995'))).status).toBe(201);
    expect((await billing.api.attachPaymentMethod(TRIAL_CARD, card('4242424242424242'))).status).toBe(201);
  });

  afterAll(async () => {
    await billing?.stop();
  });

  describe('trials', () => {
    it('end converted with a card or on a free plan, expired otherwise (canceled: nothing more is billed)', async () => {
      await at('2026-04-11T00:00:01.000Z');
      const outcome = async (id: string) => (await eventsOf('TrialEnded', id, 1)).map((e) => e.outcome);
      expect(await outcome(TRIAL_CARD)).toEqual(['converted']);
      expect(await outcome(TRIAL_FREE)).toEqual(['converted']);
      expect(await outcome(TRIAL_NOCARD)).toEqual(['expired']);
      expect((await billing.api.subscription(TRIAL_CARD)).body.status).toBe('active');
      expect((await billing.api.subscription(TRIAL_FREE)).body.status).toBe('active');
      expect((await billing.api.subscription(TRIAL_NOCARD)).body.status).toBe('canceled');
      const changes = (await eventsOf('SubscriptionChanged', TRIAL_NOCARD, 2)).filter((e) => (e as { change?: string }).change === 'trial_ended');
      expect(changes).toHaveLength(1);
    });
  });

  describe('the ladder', () => {
    beforeAll(async () => {
      // April closes on May 1; its invoices finalize after the 3-day grace and are charged at once.
      await at('2026-05-05T00:00:00.000Z');
      expect(await billing.api.billingRun()).toMatchObject({ status: 'completed' });
      for (const id of [DEFAULTER, PAYER, NOCARD, TRIAL_NOCARD]) invoiceOf[id] = (await billing.api.invoices(id)).body.invoices[0]?.id as string;
      await billing.api.awaitPaymentStatus(invoiceOf[DEFAULTER] as string, 'failed');
      await billing.api.awaitPaymentStatus(invoiceOf[PAYER] as string, 'failed');
    });

    it('bills nothing after an expired trial', () => {
      expect(invoiceOf[TRIAL_NOCARD]).toBeUndefined();
    });

    it('takes no step before the first rung, and says what comes next', async () => {
      await at('2026-05-07T23:59:00.000Z');
      expect(await steps(DEFAULTER, 0)).toEqual([]);
      expect((await billing.api.dunning(DEFAULTER)).body).toMatchObject({
        state: 'overdue',
        daysOverdue: 2,
        overdueInvoiceIds: [invoiceOf[DEFAULTER]],
        episode: { overdueSince: '2026-05-05T00:00:00.000Z', steps: [] },
        nextStep: { step: 'warning', days: 3, dueAt: '2026-05-08T00:00:00.000Z' },
      });
      // No card: overdue only from the due date (finalized May 4 + 14 days).
      expect((await billing.api.dunning(NOCARD)).body).toMatchObject({ state: 'none', daysOverdue: 0, overdueInvoiceIds: [] });
    });

    it('warns at 3 days, once, even with the review run three more times at once', async () => {
      await at('2026-05-08T00:00:00.000Z');
      const evaluate = billing.app.get(EvaluateDunningUseCase);
      await Promise.all([1, 2, 3].map(() => evaluate.execute(new EvaluateDunningCommand(new Date('2026-05-08T00:00:00.000Z')))));
      const [warning] = await eventsOf('DunningEscalated', DEFAULTER, 1);
      expect(warning).toMatchObject({ step: 'warning', daysOverdue: 3, invoiceIds: [invoiceOf[DEFAULTER]], overdueSince: '2026-05-05T00:00:00.000Z' });
      expect(await steps(DEFAULTER, 1)).toEqual(['warning']);
      expect(await steps(PAYER, 1)).toEqual(['warning']);
    });

    it('clears the episode of a tenant that pays in between, and takes no further step', async () => {
      expect((await billing.api.attachPaymentMethod(PAYER, card('4242424242424242', { makeDefault: true }))).status).toBe(201);
      expect((await billing.api.payInvoice(invoiceOf[PAYER] as string)).status).toBe(202);
      await billing.api.awaitPaymentStatus(invoiceOf[PAYER] as string, 'succeeded');
      const [cleared] = await eventsOf('DunningCleared', PAYER, 1);
      expect(cleared).toMatchObject({ stepsTaken: ['warning'] });
      expect((await billing.api.dunning(PAYER)).body).toMatchObject({ state: 'cleared', overdueInvoiceIds: [], nextStep: null });
      await at('2026-05-20T00:00:00.000Z');
      expect(await steps(PAYER, 1)).toEqual(['warning']);
    });

    it('suspends at 14 days and deactivates at 30, one step each, and a tenant without a card enters dunning from its due date', async () => {
      expect(await steps(DEFAULTER, 2)).toEqual(['warning', 'suspended']);
      await at('2026-06-04T00:00:00.000Z');
      expect(await steps(DEFAULTER, 3)).toEqual(['warning', 'suspended', 'inactive']);
      // NOCARD's April invoice was due May 19 (finalized May 5 + 14 days): 16 days overdue on June 4.
      expect(await steps(NOCARD, 2)).toEqual(['warning', 'suspended']);
      const escalations = await eventsOf('DunningEscalated', DEFAULTER, 3);
      expect(new Set(escalations.map((e) => e.episodeId)).size).toBe(1);
      // The suspension was taken when the clock reached May 20: 15 days overdue (the step is due from 14).
      expect(escalations.map((e) => e.daysOverdue)).toEqual([3, 15, 30]);
    });

    it('writes off at 60 days: automatic collection stops, the invoice stays payable', async () => {
      await at('2026-07-04T00:00:00.000Z');
      expect(await steps(DEFAULTER, 4)).toEqual(['warning', 'suspended', 'inactive', 'written_off']);
      expect(await billing.dataSource.query(`SELECT 1 FROM collections WHERE tenant_id = $1`, [DEFAULTER])).toEqual([]);
      expect((await billing.api.dunning(DEFAULTER)).body).toMatchObject({ state: 'overdue', nextStep: null });
    });

    it('takes nothing twice on a later review, and a payment after the write-off clears the episode', async () => {
      const evaluate = billing.app.get(EvaluateDunningUseCase);
      expect(await evaluate.execute(new EvaluateDunningCommand(new Date('2026-07-10T00:00:00.000Z')))).toMatchObject({ escalated: 0 });
      expect((await billing.api.attachPaymentMethod(DEFAULTER, card('4242424242424242', { makeDefault: true }))).status).toBe(201);
      // Every invoice of the tenant that is unpaid by now (April and the ones after) is paid.
      for (const invoice of (await billing.api.invoices(DEFAULTER)).body.invoices.filter((i) => i.status === 'finalized' && i.paymentStatus !== 'succeeded')) {
        expect((await billing.api.payInvoice(invoice.id)).status).toBe(202);
        await billing.api.awaitPaymentStatus(invoice.id, 'succeeded');
      }
      const [cleared] = await eventsOf('DunningCleared', DEFAULTER, 1);
      expect(cleared).toMatchObject({ stepsTaken: ['warning', 'suspended', 'inactive', 'written_off'] });
      await waitFor(async () => ((await billing.api.dunning(DEFAULTER)).body.state === 'cleared' ? true : undefined), { timeoutMs: 10_000, what: 'the episode to close' });
    });

    it('answers 404 for a tenant billing does not know, and 400 for a malformed id', async () => {
      expect((await billing.api.dunning(randomUUID())).status).toBe(404);
      expect((await billing.api.dunning('not-a-uuid')).status).toBe(400);
    });
  });
});
