// Billing against the real broker and database, in-process with a ManualClock: subscriptions from
// TenantCreated / TenantPlanChanged, usage totals from UsageRecorded, a billing run's invoices to
// the cent, late usage in the grace window, idempotent and concurrent runs, gapless numbers, a dry
// run, tenant isolation and bad input.
import { randomUUID } from 'node:crypto';
import { EventPayload, TOPICS } from '@tenantry/contracts';
import { caughtUp, eventMessage, produce, readTopic, testKafka, waitFor } from '@tenantry/testing';
import { CONSUMER_GROUPS } from '../src/service';
import { Problem, RunningBilling, startBilling } from './billing-client';

jest.setTimeout(90_000);

const kafka = testKafka();
const APRIL_14 = new Date('2026-04-14T09:00:00.000Z');

function tenantCreated(tenantId: string, plan: { id: string; trial?: boolean; duration?: number }, createdAt: string, currency = 'USD'): EventPayload<'TenantCreated'> {
  return {
    tenantId,
    slug: `t-${tenantId.slice(0, 8)}`,
    name: `Tenant ${tenantId.slice(0, 8)}`,
    domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true },
    plan: { id: plan.id, trial: plan.trial ?? false, ...(plan.duration ? { duration: plan.duration } : {}) },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency },
    resources: { storage: 1, bandwidth: 1, users: 1 },
    createdAt,
  };
}

function usage(tenantId: string, eventId: string, metric: string, quantity: string, timestamp: string, properties?: Record<string, string>): EventPayload<'UsageRecorded'> {
  // active_users is measured by the platform: only the collector records it.
  return { tenantId, eventId, metric, quantity, timestamp, source: metric === 'active_users' ? 'collector' : 'api', ...(properties ? { properties } : {}) };
}

describe('billing (int)', () => {
  let billing: RunningBilling;
  // A: starter from 14 April, no trial, 20 % tax. B: growth in EUR. C: starter on a 14-day trial.
  // D: starter from 1 April, upgraded to growth on 21 April. E: growth, downgraded to starter on 10 April.
  const [A, B, C, D, E] = Array.from({ length: 5 }, () => randomUUID());

  beforeAll(async () => {
    billing = await startBilling(APRIL_14);
  });

  afterAll(async () => {
    await billing?.stop();
  });

  const usageCaughtUp = () => waitFor(async () => ((await caughtUp(kafka, billing.groupPrefix + CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name)) ? true : undefined), { timeoutMs: 30_000, what: 'billing to count the usage' });

  it('opens a subscription per TenantCreated, prorated from the start day, in the tenant currency', async () => {
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', tenantCreated(A as string, { id: 'starter' }, '2026-04-14T09:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(B as string, { id: 'growth' }, '2026-04-01T00:00:00.000Z', 'EUR')),
      eventMessage('TenantCreated', tenantCreated(C as string, { id: 'starter', trial: true, duration: 14 }, '2026-04-14T09:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(D as string, { id: 'starter' }, '2026-04-01T00:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(E as string, { id: 'growth' }, '2026-04-01T00:00:00.000Z')),
    ]);

    expect(await billing.api.awaitSubscription(A as string)).toMatchObject({
      tenantId: A, planId: 'starter', planVersion: 1, status: 'active', currency: 'USD', taxRate: '0', startedAt: '2026-04-14T09:00:00.000Z', trialEndsAt: null,
      currentPeriodStart: '2026-04-01T00:00:00.000Z', currentPeriodEnd: '2026-05-01T00:00:00.000Z', pendingChange: null,
    });
    expect(await billing.api.awaitSubscription(B as string)).toMatchObject({ planId: 'growth', currency: 'EUR' });
    expect(await billing.api.awaitSubscription(C as string)).toMatchObject({ status: 'trialing', trialEndsAt: '2026-04-28T09:00:00.000Z' });
    // A card on file: at its end the trial converts (TrialEnded) instead of expiring.
    expect((await billing.api.attachPaymentMethod(C as string, { number: '4242424242424242', expMonth: 12, expYear: 2030 })).status).toBe(201);
    await billing.api.awaitSubscription(D as string);
    await billing.api.awaitSubscription(E as string);

    const tax = await billing.api.updateSubscription(A as string, { taxRate: '0.2' });
    expect(tax).toMatchObject({ status: 200, body: { taxRate: '0.2' } });
  });

  it('upgrades at once and downgrades at the period end, by the price of a period', async () => {
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantPlanChanged', { tenantId: D as string, fromPlanId: 'starter', toPlanId: 'growth', at: '2026-04-21T15:00:00.000Z' }),
      eventMessage('TenantPlanChanged', { tenantId: E as string, fromPlanId: 'growth', toPlanId: 'starter', at: '2026-04-10T08:00:00.000Z' }),
    ]);
    await waitFor(async () => ((await billing.api.subscription(D as string)).body.planId === 'growth' ? true : undefined), { timeoutMs: 30_000, what: 'the upgrade' });
    const downgraded = await waitFor(async () => {
      const s = (await billing.api.subscription(E as string)).body;
      return s.pendingChange ? s : undefined;
    }, { timeoutMs: 30_000, what: 'the scheduled downgrade' });
    expect(downgraded).toMatchObject({ planId: 'growth', pendingChange: { planId: 'starter', planVersion: 1, effectiveAt: '2026-05-01T00:00:00.000Z' } });

    const events = await readTopic(kafka, TOPICS.BILLING.name, (all) => all.some((m) => m.key === D && JSON.parse(m.value ?? '{}').change === 'upgraded'));
    const upgrade = events.find((m) => m.key === D && JSON.parse(m.value ?? '{}').change === 'upgraded');
    expect(upgrade?.headers['ce_type']).toBe('SubscriptionChanged');
    expect(JSON.parse(upgrade?.value ?? '{}')).toMatchObject({ tenantId: D, planId: 'growth', planVersion: 1, status: 'active', effectiveAt: '2026-04-21T15:00:00.000Z' });
  });

  it('invoices every ended period to the cent from the usage events, keeps it a draft in the grace window, and takes late usage into it', async () => {
    const retry = usage(A as string, 'a-1', 'api_calls', '100000', '2026-04-15T10:00:00.000Z');
    await produce(kafka, TOPICS.METERING_USAGE.name, [
      eventMessage('UsageRecorded', retry),
      eventMessage('UsageRecorded', retry), // the same usage event again under another CloudEvents id: counted once
      eventMessage('UsageRecorded', usage(A as string, 'a-2', 'api_calls', '23456.5', '2026-04-20T10:00:00.000Z')),
      eventMessage('UsageRecorded', usage(A as string, 'a-3', 'api_calls', '0.5', '2026-04-30T23:59:59.999Z')),
      eventMessage('UsageRecorded', usage(A as string, 'a-4', 'api_calls', '5000', '2026-05-01T00:00:00.000Z')), // May
      eventMessage('UsageRecorded', usage(B as string, 'b-1', 'api_calls', '1500000', '2026-04-02T00:00:00.000Z')),
      eventMessage('UsageRecorded', usage(D as string, 'd-1', 'api_calls', '1500000', '2026-04-25T00:00:00.000Z')),
      ...['u1', 'u2', 'u1'].map((user, i) => eventMessage('UsageRecorded', usage(B as string, `b-u${i}`, 'active_users', '1', '2026-04-03T00:00:00.000Z', { userId: user }))),
    ]);
    await usageCaughtUp();

    billing.clock.set(new Date('2026-05-02T00:00:00.000Z'));
    const run = await billing.api.billingRun();
    expect(run).toMatchObject({ status: 'completed', dryRun: false, error: null });
    expect(run.invoicesCreated).toBeGreaterThanOrEqual(5);

    const [invoiceA] = (await billing.api.invoices(A as string)).body.invoices;
    expect(invoiceA).toMatchObject({
      tenantId: A, status: 'draft', number: null, paymentStatus: null, currency: 'USD',
      periodStart: '2026-04-01T00:00:00.000Z', periodEnd: '2026-05-01T00:00:00.000Z', graceEndsAt: '2026-05-04T00:00:00.000Z',
      // 29 × 17/30 = 16.433… → 16.43; (123,457 − 100,000) × 0.0005 = 11.7285 → 11.73; tax 20 % of 28.16 = 5.632 → 5.63
      subtotal: '28.16', taxRate: '0.2', tax: '5.63', total: '33.79',
    });
    expect(invoiceA?.lines.map((l) => [l.kind, l.description, l.quantity, l.amount])).toEqual([
      ['base', 'Starter plan (17/30 days)', '17', '16.43'],
      ['usage', 'api_calls (standard)', '123457', '11.73'],
    ]);

    // B, in EUR: growth 99.00 + (1.5 M − 1 M included) × 0.0004 = 200.00; 2 active users are within the 250 included.
    const [invoiceB] = (await billing.api.invoices(B as string)).body.invoices;
    expect(invoiceB?.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['base', '30', '99.00'], ['usage', '1500000', '200.00'], ['usage', '2', '0.00']]);
    expect(invoiceB).toMatchObject({ currency: 'EUR', total: '299.00' });

    // C: trial to 28 April 09:00, so 3 of 30 days: 29 × 3/30 = 2.90; the trial has ended.
    expect((await billing.api.invoices(C as string)).body.invoices[0]).toMatchObject({ total: '2.90' });
    expect((await billing.api.subscription(C as string)).body).toMatchObject({ status: 'active', currentPeriodStart: '2026-05-01T00:00:00.000Z' });

    // D: upgraded on 21 April (10 of 30 days left): credit 29 × 10/30 = −9.67, charge 99 × 10/30 = 33.00, usage at growth prices.
    const [invoiceD] = (await billing.api.invoices(D as string)).body.invoices;
    expect(invoiceD?.lines.map((l) => [l.kind, l.planId, l.quantity, l.amount])).toEqual([
      ['base', 'starter', '30', '29.00'],
      ['proration_credit', 'starter', '10', '-9.67'],
      ['proration_charge', 'growth', '10', '33.00'],
      ['usage', 'growth', '1500000', '200.00'],
      ['usage', 'growth', '0', '0.00'],
    ]);
    expect(invoiceD?.total).toBe('252.33');

    // E: April still on growth (the downgrade waits for the period end), and from May on starter.
    expect((await billing.api.invoices(E as string)).body.invoices[0]).toMatchObject({ total: '99.00' });
    expect((await billing.api.subscription(E as string)).body).toMatchObject({ planId: 'starter', pendingChange: null });

    // Late April usage inside the grace window lands in the draft.
    await produce(kafka, TOPICS.METERING_USAGE.name, [eventMessage('UsageRecorded', usage(A as string, 'a-late', 'api_calls', '1000', '2026-04-29T12:00:00.000Z'))]);
    await usageCaughtUp();
    await billing.api.billingRun();
    const revised = (await billing.api.invoice(invoiceA?.id as string)).body;
    // 24,457 × 0.0005 = 12.2285 → 12.23; subtotal 28.66; tax 5.732 → 5.73
    expect(revised).toMatchObject({ id: invoiceA?.id, status: 'draft', subtotal: '28.66', tax: '5.73', total: '34.39' });
  });

  it('finalizes after the grace window exactly once, with gapless numbers, however many runs go at once', async () => {
    billing.clock.set(new Date('2026-05-04T00:00:01.000Z'));
    const runs = await Promise.all([billing.api.billingRun(), billing.api.billingRun(), billing.api.billingRun()]);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    await billing.api.billingRun();

    for (const tenant of [A, B, C, D, E]) {
      const invoices = (await billing.api.invoices(tenant as string)).body.invoices;
      expect(invoices).toHaveLength(1);
      expect(invoices[0]).toMatchObject({ status: 'finalized', finalizedAt: '2026-05-04T00:00:01.000Z', dueAt: '2026-05-18T00:00:01.000Z' });
      expect(invoices[0]?.number).toMatch(/^INV-\d{6}$/);
    }
    const [invoiceA] = (await billing.api.invoices(A as string)).body.invoices;
    expect(invoiceA).toMatchObject({ total: '34.39', paymentStatus: 'pending' });

    // Every finalized invoice of this schema has its own number, 1..n without a gap.
    const numbers = ((await billing.dataSource.query(`SELECT number FROM invoices WHERE status <> 'draft' ORDER BY number`)) as { number: string }[]).map((r) => Number(r.number.slice(4)));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));

    const issued = await readTopic(kafka, TOPICS.BILLING.name, (all) => all.some((m) => m.key === A && m.headers['ce_type'] === 'InvoiceIssued'), { settleMs: 500 });
    const ofA = issued.filter((m) => m.key === A && m.headers['ce_type'] === 'InvoiceIssued');
    expect(ofA).toHaveLength(1);
    expect(JSON.parse(ofA[0]?.value ?? '{}')).toMatchObject({ tenantId: A, invoiceId: invoiceA?.id, amountMinor: 3439, currency: 'USD', periodStart: '2026-04-01T00:00:00.000Z', dueAt: '2026-05-18T00:00:01.000Z' });
  });

  it('answers a dry run with what it would do and changes nothing', async () => {
    billing.clock.set(new Date('2026-06-01T00:00:00.000Z'));
    const run = await billing.api.billingRun({ dryRun: true });
    expect(run).toMatchObject({ status: 'completed', dryRun: true });
    // May for A: 29 (whole month) + (5,000 − 100,000 included → 0) = 29.00, + 20 % = 34.80
    expect(run.preview?.find((p) => p.tenantId === A)).toMatchObject({ periodStart: '2026-05-01T00:00:00.000Z', outcome: 'created', total: '34.80', currency: 'USD' });
    expect((await billing.api.invoices(A as string)).body.invoices).toHaveLength(1);
    expect((await billing.api.subscription(A as string)).body.currentPeriodStart).toBe('2026-05-01T00:00:00.000Z');
  });

  it("goes on past a tenant it cannot bill, and reports the run failed naming it", async () => {
    const [broken, fine] = [randomUUID(), randomUUID()];
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [
      eventMessage('TenantCreated', tenantCreated(broken, { id: 'starter' }, '2026-05-10T00:00:00.000Z')),
      eventMessage('TenantCreated', tenantCreated(fine, { id: 'starter' }, '2026-05-10T00:00:00.000Z')),
    ]);
    const { id: subscriptionId } = await billing.api.awaitSubscription(broken);
    await billing.api.awaitSubscription(fine);
    // A history row naming a plan version that does not exist: this tenant's invoice cannot be computed.
    await billing.dataSource.query(
      `INSERT INTO subscription_changes (subscription_id, tenant_id, kind, at, from_plan_id, from_plan_version, to_plan_id, to_plan_version) VALUES ($1, $2, 'upgrade', '2026-05-20T00:00:00Z', 'starter', 1, 'growth', 99)`,
      [subscriptionId, broken],
    );

    billing.clock.set(new Date('2026-06-02T00:00:00.000Z'));
    const run = await billing.api.billingRun();
    expect(run.status).toBe('failed');
    expect(run.error).toContain(`tenant ${broken}`);
    expect((await billing.api.invoices(broken)).body.invoices).toEqual([]);
    // 29 × 22/31 = 20.580… → 20.58
    expect((await billing.api.invoices(fine)).body.invoices).toEqual([expect.objectContaining({ periodStart: '2026-05-01T00:00:00.000Z', status: 'draft', total: '20.58' })]);
    expect((await billing.api.invoices(A as string)).body.invoices).toHaveLength(2);
  });

  it("never shows one tenant's invoices through another tenant's id", async () => {
    const [invoiceA] = (await billing.api.invoices(A as string, { status: 'finalized' })).body.invoices;
    expect((await billing.api.tenantInvoice(A as string, invoiceA?.id as string)).status).toBe(200);
    const other = await billing.api.tenantInvoice(B as string, invoiceA?.id as string);
    expect(other).toMatchObject({ status: 404, body: { type: 'https://tenantry.dev/problems/invoice-not-found' } });
    expect(new Set((await billing.api.invoices(B as string)).body.invoices.map((i) => i.tenantId))).toEqual(new Set([B]));
    expect((await billing.api.invoices(randomUUID())).body.invoices).toEqual([]);
  });

  it('manages the plan catalogue: new plans, a new version per change', async () => {
    expect((await billing.api.plans()).body.plans.map((p) => p.id)).toEqual(['free', 'starter', 'growth', 'enterprise']);
    const body = { id: 'scale', name: 'Scale', basePrice: '199', trialDays: null, charges: [{ metric: 'api_calls', model: 'volume', tiers: [{ upTo: '1000', unitPrice: '0.01' }, { upTo: null, unitPrice: '0.005', flatFee: '5' }] }] };
    expect(await billing.api.createPlan(body)).toMatchObject({ status: 201, body: { id: 'scale', version: 1, basePrice: '199' } });
    expect((await billing.api.createPlan(body)).body).toMatchObject({ status: 409, type: 'https://tenantry.dev/problems/plan-exists' });
    const { id: _id, ...terms } = body;
    expect(await billing.api.updatePlan('scale', { ...terms, basePrice: '249.5' })).toMatchObject({ status: 200, body: { version: 2, basePrice: '249.5' } });
    expect((await billing.api.updatePlan('scale', { ...terms, basePrice: '249.50' })).body).toMatchObject({ version: 2 });
    expect((await billing.api.plan('scale')).body).toMatchObject({ version: 2 });
    expect((await billing.api.updatePlan('nope', terms)).status).toBe(404);
  });

  it('refuses bad input with problem+json naming the field, and changes nothing', async () => {
    const tax = await billing.api.updateSubscription(A as string, { taxRate: '1.5' });
    expect(tax.status).toBe(400);
    expect(tax.contentType).toContain('application/problem+json');
    expect((tax.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['taxRate']);
    expect((await billing.api.subscription(A as string)).body.taxRate).toBe('0.2');
    // null is not "absent": refused, naming each field (it used to reach the database: a 500).
    const nulls = await billing.api.updateSubscription(A as string, { planId: null, taxRate: null });
    expect(nulls.status).toBe(400);
    expect((nulls.body as unknown as Problem).errors?.map((e) => e.field).sort()).toEqual(['planId', 'taxRate']);
    expect((await billing.api.subscription(A as string)).body).toMatchObject({ taxRate: '0.2', planId: 'starter' });

    const plan = await billing.api.createPlan({ id: 'bad', name: 'Bad', basePrice: '1', charges: [{ metric: 'api_calls', model: 'graduated', tiers: [{ upTo: '10', unitPrice: '1' }] }] });
    expect((plan.body as unknown as Problem).errors).toEqual([{ field: 'charges.0.tiers.0.upTo', message: 'the last tier must have upTo null (unbounded)' }]);
    expect((await billing.api.plan('bad')).status).toBe(404);
    const price = await billing.api.createPlan({ id: 'bad', name: 'Bad', basePrice: 1.5, charges: [] });
    expect((price.body as unknown as Problem).errors?.map((e) => e.field)).toEqual(['basePrice']);

    expect((await billing.api.invoices('not-a-uuid')).status).toBe(400);
    expect((await billing.api.updateSubscription(randomUUID(), { planId: 'growth' })).status).toBe(404);
    expect((await billing.api.updateSubscription(A as string, { planId: 'nope' })).body).toMatchObject({ status: 404, type: 'https://tenantry.dev/problems/plan-not-found' });
    expect((await billing.api.run(randomUUID())).status).toBe(404);
    expect((await billing.api.startRun({ dryRun: 'yes' })).status).toBe(400);
  });
});
