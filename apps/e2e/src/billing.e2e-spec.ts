// Billing end to end through the public gateway, over three months of the test clock, with
// gateway, tenant-registry, provisioning, metering and billing as real processes on real Kafka and
// Postgres and the sandbox payment provider confirming charges through its signed callback:
//
// - tenant A: a starter trial → a good card attached with its own tenant-admin key → trial end →
//   active → usage recorded through the gateway → the month closed by a billing run → an invoice of
//   base (from the trial end) + usage, collected and paid (InvoicePaid); then a declining card as
//   its default → next month's invoice fails (InvoiceFailed), is retried on schedule, the ladder
//   warns and suspends (DunningEscalated) → the registry suspends it and the gateway refuses its key
//   (403 tenant-suspended) → a good card pays → DunningCleared → active again, the key works;
// - tenant B: growth, no trial, no card → its unpaid invoice walks the ladder to inactive.
//
// What moves and what does not: every service starts with the same TENANTRY_TEST_CLOCK_FILE
// (libs/service OffsetFileClock), so everything that reads the injected Clock jumps when this spec
// rewrites the file: tenant createdAt and trial ends (registry), usage timestamps and their
// lateness check (metering), billing runs, grace, due dates, collection and retry schedules, the
// dunning review, trial conversion, the sandbox's settle time and the signed callback's timestamp
// (billing), the gateway's own API-call sampling. What stays on real time: Kafka message
// timestamps, Postgres now(), internal-token lifetimes (the gateway signs them on the system time,
// the services verify on it), the jobs' intervals (short here: 300 ms) and every wait in this
// spec. Real elapsed time is added on top of the offset, so the dates below are "at least"; the
// assertions only depend on whole days. A's January usage line also holds the few calls A's own
// key made that month (the gateway counts them), hence a range for its quantity.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, readTopic, ReceivedMessage, RunningService, startGroupAtEnd, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';
import { PlatformClient, suffix } from './support/platform-client';

jest.setTimeout(240_000);

const ADMIN_KEY = `e2e-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-e2e-billing-'));
const CLOCK_FILE = join(FILES, 'clock.json');
const JOB_MS = '300';

const GOOD_CARD = '4242424242424242';
const DECLINING_CARD = '4000000000000341';

interface Line {
  kind: string;
  metric: string | null;
  quantity: string;
  amount: string;
}
interface Invoice {
  id: string;
  number: string | null;
  status: string;
  paymentStatus: string | null;
  periodStart: string;
  lines: Line[];
  subtotal: string;
  total: string;
  dueAt: string | null;
}
interface Billed {
  tenantId: string;
  step?: string;
  outcome?: string;
  invoiceId?: string;
  attempt?: number;
  nextRetryAt?: string | null;
  stepsTaken?: string[];
  amountMinor?: number;
}

/** Moves every service's clock to `iso` (plus the real time that passes from now on). */
function setClock(iso: string): void {
  writeFileSync(CLOCK_FILE, JSON.stringify({ offsetMs: Date.parse(iso) - Date.now() }));
}

describe('billing through the gateway, over months of the test clock', () => {
  const services: RunningService[] = [];
  let gatewayUrl = '';
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  const kafka = testKafka();
  let tenantA = '';
  let tenantB = '';
  let keyA = '';
  let keyB = '';
  let januaryA: Invoice;
  let februaryA: Invoice;

  /** Moves the clock, then lets every job (300 ms, the clock file re-read every 100 ms) see the new time. */
  async function at(iso: string): Promise<void> {
    setClock(iso);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  async function invoices(tenantId: string): Promise<Invoice[]> {
    const answer = await platform.call('GET', `/tenants/${tenantId}/invoices`);
    expect(answer.status).toBe(200);
    return (answer.body['invoices'] as Invoice[]).sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  }

  /** The tenant's invoice of the month `month` (`2027-01`), once `ready` holds for it. */
  async function invoiceOf(tenantId: string, month: string, ready: (invoice: Invoice) => boolean = () => true): Promise<Invoice> {
    return waitFor(
      async () => {
        const found = (await invoices(tenantId)).find((invoice) => invoice.periodStart.startsWith(month));
        return found && ready(found) ? found : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 300, what: `the ${month} invoice of ${tenantId}` },
    );
  }

  async function billingRun(): Promise<void> {
    const started = await platform.call('POST', '/billing/runs', { body: {} });
    expect(started.status).toBe(202);
    const run = await waitFor(
      async () => {
        const answer = await platform.call('GET', `/billing/runs/${started.body['id'] as string}`);
        return answer.body['status'] === 'running' ? undefined : answer.body;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the billing run' },
    );
    expect(run['status']).toBe('completed');
  }

  async function statusBecomes(tenantId: string, status: string): Promise<void> {
    await waitFor(async () => (await platform.statusOf(tenantId)) === status, { timeoutMs: 30_000, intervalMs: 250, what: `${tenantId} to be ${status}` });
  }

  /** Billing events of `type` about `tenantId`, once `count` of them are on the topic (and half a second more, to see extras). */
  async function billed(type: string, tenantId: string, count: number): Promise<Billed[]> {
    const pick = (all: ReceivedMessage[]) => all.filter((m) => m.headers['ce_type'] === type && (JSON.parse(m.value ?? '{}') as Billed).tenantId === tenantId);
    return pick(await readTopic(kafka, TOPICS.BILLING.name, (all) => pick(all).length >= count, { timeoutMs: 30_000, settleMs: 500 })).map((m) => JSON.parse(m.value ?? '{}') as Billed);
  }

  /** What A's own key gets for reading its invoices. */
  async function statusOfKeyCall(): Promise<number> {
    return (await platform.call('GET', `/tenants/${tenantA}/invoices`, { key: keyA })).status;
  }

  const attachCard = (tenantId: string, number: string, key?: string) =>
    platform.call('POST', `/tenants/${tenantId}/payment-methods`, { key, body: { number, expMonth: 12, expYear: 2031, makeDefault: true } });

  beforeAll(async () => {
    await at('2027-01-02T10:00:00.000Z');
    const clock = { TENANTRY_TEST_CLOCK_FILE: CLOCK_FILE };
    const registry = await startService('tenant-registry', { ...clock, ...freshGroups('e2e-billing-registry') });
    const lifecycleGroup = `e2e-billing-provisioning-${randomBytes(4).toString('hex')}`;
    await startGroupAtEnd(lifecycleGroup, TOPICS.TENANT_LIFECYCLE.name);
    const provisioning = await startService('provisioning', { ...clock, TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), LIFECYCLE_CONSUMER_GROUP: lifecycleGroup });
    const metering = await startService('metering', { ...clock, COLLECTOR_INTERVAL_MS: '600000' });
    const billing = await startService('billing', {
      ...clock,
      SANDBOX_SETTLE_DELAY_MS: '50',
      PAYMENT_COLLECTION_INTERVAL_MS: JOB_MS,
      DUNNING_INTERVAL_MS: JOB_MS,
      TRIAL_CHECK_INTERVAL_MS: JOB_MS,
      // Runs are started through the gateway, at the times this walk chooses.
      BILLING_RUN_INTERVAL_MS: '3600000',
      // Three attempts: the first, a retry a day later, the last two days after the first.
      PAYMENT_RETRY_DAYS: '1,2',
    });
    services.push(registry, provisioning, metering, billing);
    const gateway = await startService('gateway', {
      ...clock,
      TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      REGISTRY_URL: registry.url,
      PROVISIONING_URL: provisioning.url,
      METERING_URL: metering.url,
      BILLING_URL: billing.url,
    });
    services.push(gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    gatewayUrl = gateway.url;

    const tag = suffix();
    const createdA = await platform.call('POST', '/tenants', { body: { name: `E2E billing A ${tag}`, domain: `e2e-bill-a-${tag}`, plan: 'starter', adminEmail: `ops+a-${tag}@e2e.example` } });
    expect(createdA.status).toBe(201);
    tenantA = createdA.body['id'] as string;
    const createdB = await platform.call('POST', '/tenants', { body: { name: `E2E billing B ${tag}`, domain: `e2e-bill-b-${tag}`, plan: { id: 'growth', trial: false }, adminEmail: `ops+b-${tag}@e2e.example` } });
    expect(createdB.status).toBe(201);
    tenantB = createdB.body['id'] as string;
    keyA = await platform.tenantAdminKey(tenantA);
    keyB = await platform.tenantAdminKey(tenantB);
    await statusBecomes(tenantA, 'trial');
    await statusBecomes(tenantB, 'active');
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
  });

  it('starts A on a 14-day starter trial and B on growth without one', async () => {
    const subscriptionA = await waitFor(async () => {
      const answer = await platform.call('GET', `/tenants/${tenantA}/subscription`);
      return answer.status === 200 ? answer.body : undefined;
    }, { timeoutMs: 30_000, what: "A's subscription" });
    expect(subscriptionA).toMatchObject({ planId: 'starter', status: 'trialing' });
    expect((subscriptionA['trialEndsAt'] as string).slice(0, 10)).toBe('2027-01-16');
    const subscriptionB = await waitFor(async () => {
      const answer = await platform.call('GET', `/tenants/${tenantB}/subscription`);
      return answer.status === 200 ? answer.body : undefined;
    }, { timeoutMs: 30_000, what: "B's subscription" });
    expect(subscriptionB).toMatchObject({ planId: 'growth', status: 'active' });
  });

  it('A attaches a good card with its own key; at the trial end it converts and the tenant is active', async () => {
    const attached = await attachCard(tenantA, GOOD_CARD, keyA);
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({ last4: '4242', isDefault: true });
    expect(JSON.stringify(attached.body)).not.toContain(GOOD_CARD);
    // A tenant-admin key reaches only its own tenant's billing: another tenant is not found.
    expect((await attachCard(tenantB, GOOD_CARD, keyA)).status).toBe(404);
    expect((await platform.call('GET', `/tenants/${tenantA}/invoices`, { key: keyB })).status).toBe(404);
    expect((await platform.call('GET', `/tenants/${tenantB}/payment-methods`)).body).toMatchObject({ paymentMethods: [] });

    await at('2027-01-16T12:00:00.000Z');
    const [ended] = await billed('TrialEnded', tenantA, 1);
    expect(ended).toMatchObject({ outcome: 'converted' });
    await statusBecomes(tenantA, 'active');
    expect((await platform.call('GET', `/tenants/${tenantA}/subscription`)).body).toMatchObject({ status: 'active' });
  });

  it("closes January: A's invoice has the base from the trial end and its usage, and is collected and paid", async () => {
    const recorded = await platform.call('POST', `/tenants/${tenantA}/usage`, {
      body: { eventId: `e2e-bill-${tenantA}-jan`, metric: 'api_calls', quantity: '150000', timestamp: '2027-01-16T12:00:00.000Z' },
    });
    expect(recorded.status).toBe(202);
    expect(recorded.body['results']).toEqual([{ index: 0, eventId: `e2e-bill-${tenantA}-jan`, status: 'accepted' }]);

    // February 2, inside the 3-day grace: the run drafts January; the usage lands in the draft once billing has counted it.
    await at('2027-02-02T01:00:00.000Z');
    const draft = await waitFor(
      async () => {
        await billingRun();
        const found = (await invoices(tenantA)).find((invoice) => invoice.periodStart.startsWith('2027-01'));
        return found?.lines.some((line) => line.kind === 'usage' && line.metric === 'api_calls' && Number(line.quantity) >= 150_000) ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: "A's January draft with its usage" },
    );
    expect(draft).toMatchObject({ status: 'draft', number: null });

    // February 4, grace over: finalized, numbered, charged at once on the good card.
    await at('2027-02-04T01:00:00.000Z');
    await billingRun();
    januaryA = await invoiceOf(tenantA, '2027-01', (invoice) => invoice.paymentStatus === 'succeeded');
    expect(januaryA.status).toBe('finalized');
    expect(januaryA.number).toMatch(/^INV-\d{6}$/);
    // Base from the trial end: January 16–31 is 16 of 31 days of 29.00 = 14.967… → 14.97.
    expect(januaryA.lines.find((line) => line.kind === 'base')).toMatchObject({ amount: '14.97' });
    // 150,000 calls (and the few calls A's own key made, counted by the gateway), 100,000 included, at 0.0005.
    const usage = januaryA.lines.find((line) => line.kind === 'usage' && line.metric === 'api_calls');
    expect(Number(usage?.quantity)).toBeGreaterThanOrEqual(150_000);
    expect(Number(usage?.quantity)).toBeLessThan(150_010);
    expect(usage?.amount).toBe('25.00');
    expect(januaryA.total).toBe('39.97');
    const [paid] = await billed('InvoicePaid', tenantA, 1);
    expect(paid).toMatchObject({ invoiceId: januaryA.id, amountMinor: 3997 });

    // B's January (growth, January 2–31: 30/31 × 99.00 = 95.81) is finalized too, with no card to charge.
    const januaryB = await invoiceOf(tenantB, '2027-01', (invoice) => invoice.status === 'finalized');
    expect(januaryB).toMatchObject({ total: '95.81', paymentStatus: 'pending' });
  });

  it('a declining card fails February: InvoiceFailed, the retries, a warning, then A is suspended and its key refused', async () => {
    const declining = await attachCard(tenantA, DECLINING_CARD, keyA);
    expect(declining.status).toBe(201);
    expect(declining.body).toMatchObject({ last4: '0341', isDefault: true });

    await at('2027-03-04T01:00:00.000Z');
    await billingRun();
    februaryA = await invoiceOf(tenantA, '2027-02', (invoice) => invoice.paymentStatus === 'failed');
    expect(februaryA).toMatchObject({ status: 'finalized', total: '29.00' });
    const [first] = await billed('InvoiceFailed', tenantA, 1);
    expect(first).toMatchObject({ invoiceId: februaryA.id, attempt: 1 });
    expect(first?.nextRetryAt?.slice(0, 10)).toBe('2027-03-05');

    // The retries, on the injected clock: a day after the first failure, then the last one.
    await at('2027-03-05T02:00:00.000Z');
    await billed('InvoiceFailed', tenantA, 2);
    await at('2027-03-06T02:00:00.000Z');
    const failures = await billed('InvoiceFailed', tenantA, 3);
    expect(failures.map((failure) => failure.attempt)).toEqual([1, 2, 3]);
    expect(failures[2]?.nextRetryAt ?? null).toBeNull();
    expect(await statusOfKeyCall()).toBe(200);

    // Three days overdue: a warning, the tenant still working.
    await at('2027-03-07T02:00:00.000Z');
    const [warning] = await billed('DunningEscalated', tenantA, 1);
    expect(warning).toMatchObject({ step: 'warning', invoiceIds: [februaryA.id] });
    expect(await platform.statusOf(tenantA)).toBe('active');

    // Fourteen days overdue: suspended by the registry, for payment; the gateway refuses its key.
    await at('2027-03-18T02:00:00.000Z');
    const steps = await billed('DunningEscalated', tenantA, 2);
    expect(steps.map((step) => step.step)).toEqual(['warning', 'suspended']);
    await statusBecomes(tenantA, 'suspended');
    expect((await platform.call('GET', `/tenants/${tenantA}`)).body).toMatchObject({ status: 'suspended', statusReason: 'payment' });
    const refused = await waitFor(
      async () => {
        const answer = await platform.call('GET', `/tenants/${tenantA}/invoices`, { key: keyA });
        return answer.status === 403 ? answer : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: "the gateway to refuse A's key" },
    );
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ type: 'https://tenantry.dev/problems/tenant-suspended', status: 403 });
    expect((await platform.call('GET', `/tenants/${tenantA}/dunning`)).body).toMatchObject({ state: 'overdue', overdueInvoiceIds: [februaryA.id] });
  });

  it('a good card pays: DunningCleared, A is active again and its key works', async () => {
    // The tenant's own key is refused while suspended; its operator attaches the card and pays.
    expect((await attachCard(tenantA, GOOD_CARD, keyA)).status).toBe(403);
    expect((await attachCard(tenantA, GOOD_CARD)).status).toBe(201);
    const pay = await platform.call('POST', `/invoices/${februaryA.id}/pay`, { headers: { 'idempotency-key': `e2e-pay-${februaryA.id}` } });
    expect(pay.status).toBe(202);
    await invoiceOf(tenantA, '2027-02', (invoice) => invoice.paymentStatus === 'succeeded');
    const [cleared] = await billed('DunningCleared', tenantA, 1);
    expect(cleared).toMatchObject({ stepsTaken: ['warning', 'suspended'] });
    expect((await billed('InvoicePaid', tenantA, 2)).map((event) => event.invoiceId)).toEqual([januaryA.id, februaryA.id]);
    await statusBecomes(tenantA, 'active');
    await waitFor(async () => (await statusOfKeyCall()) === 200, { timeoutMs: 30_000, intervalMs: 200, what: "the gateway to let A's key in again" });
    expect((await platform.call('GET', `/tenants/${tenantA}/dunning`)).body).toMatchObject({ state: 'cleared', overdueInvoiceIds: [] });
  });

  it('B, never paying, walks the ladder to inactive', async () => {
    // B's January invoice was due 14 days after February 4; by March 21 it is more than 30 days overdue.
    await at('2027-03-21T02:00:00.000Z');
    const steps = await billed('DunningEscalated', tenantB, 3);
    expect(steps.map((step) => step.step)).toEqual(['warning', 'suspended', 'inactive']);
    await statusBecomes(tenantB, 'inactive');
    expect((await platform.call('GET', `/tenants/${tenantB}`)).body).toMatchObject({ status: 'inactive', statusReason: 'payment' });
    // A paid up: nothing more happened to it.
    expect(await platform.statusOf(tenantA)).toBe('active');
    expect((await billed('DunningEscalated', tenantA, 2)).map((step) => step.step)).toEqual(['warning', 'suspended']);
  });
});
