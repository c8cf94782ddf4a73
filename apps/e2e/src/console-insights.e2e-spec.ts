// The console's billing, health and analytics pages in a real browser (Debian's Chromium through
// playwright-core) against the real gateway, tenant-registry, provisioning, metering, billing and
// health scoring on Kafka and Postgres. Every service reads the same test clock file (as in
// billing.e2e-spec.ts), so a tenant created on 2 January 2027 has a January invoice once the clock
// is past February's grace window and a billing run has closed the month.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, RunningService, startGroupAtEnd, startService, TestSmtpServer, waitFor, waitUntilReady } from '@tenantry/testing';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signedInPage } from './support/browser';
import { PlatformClient, suffix } from './support/platform-client';

jest.setTimeout(240_000);

const ADMIN_KEY = `e2e-insights-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-console-insights-'));
const CLOCK_FILE = join(FILES, 'clock.json');
const JOB_MS = '300';

function setClock(iso: string): void {
  writeFileSync(CLOCK_FILE, JSON.stringify({ offsetMs: Date.parse(iso) - Date.now() }));
}

interface Invoice {
  id: string;
  number: string | null;
  status: string;
  paymentStatus: string | null;
  periodStart: string;
  total: string;
  currency: string;
}

describe('the console: billing, health and analytics in a browser', () => {
  const services: RunningService[] = [];
  let gatewayUrl = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  const tag = suffix();
  const tenantName = `Insights ${tag}`;
  let tenantId = '';
  let invoice: Invoice;
  let admin: Page;
  let provisioningService: RunningService | undefined;
  const smtp = new TestSmtpServer();

  const signedIn = (key: string, viewport?: { width: number; height: number }): Promise<Page> => signedInPage(browser, contexts, gatewayUrl, key, viewport);

  async function januaryInvoice(): Promise<Invoice | undefined> {
    const answer = await platform.call('GET', `/tenants/${tenantId}/invoices`);
    return (answer.body['invoices'] as Invoice[] | undefined)?.find((i) => i.periodStart.startsWith('2027-01'));
  }

  beforeAll(async () => {
    setClock('2027-01-02T10:00:00.000Z');
    const clock = { TENANTRY_TEST_CLOCK_FILE: CLOCK_FILE };
    const lifecycleGroup = `e2e-insights-provisioning-${randomBytes(4).toString('hex')}`;
    await startGroupAtEnd(lifecycleGroup, TOPICS.TENANT_LIFECYCLE.name);
    // One at a time (each pushed as soon as it runs, so afterAll stops it): five at once on two cores outlast the start timeout.
    const started = async (name: Parameters<typeof startService>[0], env: Record<string, string>) => {
      const service = await startService(name, env, 120_000);
      services.push(service);
      return service;
    };
    const registry = await started('tenant-registry', { ...clock, ...freshGroups('e2e-insights-registry') });
    provisioningService = await started('provisioning', { ...clock, TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), SAGA_RETRY_BASE_MS: '50', LIFECYCLE_CONSUMER_GROUP: lifecycleGroup });
    const metering = await started('metering', { ...clock, ...freshGroups('e2e-insights-metering'), COLLECTOR_INTERVAL_MS: '600000' });
    const billing = await started('billing', {
      ...clock,
      ...freshGroups('e2e-insights-billing'),
      SANDBOX_SETTLE_DELAY_MS: '50',
      PAYMENT_COLLECTION_INTERVAL_MS: JOB_MS,
      DUNNING_INTERVAL_MS: JOB_MS,
      TRIAL_CHECK_INTERVAL_MS: JOB_MS,
      BILLING_RUN_INTERVAL_MS: '3600000',
    });
    const health = await started('health-scoring', { ...clock, ...freshGroups('e2e-insights-health') });
    await smtp.start();
    const notifications = await started('notifications', { ...clock, ...freshGroups('e2e-insights-notifications'), SMTP_URL: smtp.url, NOTIFY_SEND_INTERVAL_MS: '100' });
    const gateway = await started('gateway', {
      ...clock,
      TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      REGISTRY_URL: registry.url,
      PROVISIONING_URL: provisioningService.url,
      METERING_URL: metering.url,
      BILLING_URL: billing.url,
      HEALTH_SCORING_URL: health.url,
      NOTIFICATIONS_URL: notifications.url,
    });
    const [launched] = await Promise.all([launchBrowser(), ...services.map((service) => waitUntilReady(service, 120_000))]);
    browser = launched as Browser;
    gatewayUrl = gateway.url;

    // A growth tenant without a trial, some January usage, then February past the grace window: a billing run closes January.
    // On a loaded machine the registry can answer 503 while it catches up: the same Idempotency-Key again is the same creation.
    const created = await waitFor(
      async () => {
        const answer = await platform.call('POST', '/tenants', { body: { name: tenantName, domain: `insights-${tag}`, plan: { id: 'growth', trial: false }, adminEmail: `ops+${tag}@insights.example` }, headers: { 'idempotency-key': `insights-${tag}` } });
        if (answer.status !== 503) return answer;
        return undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1_000, what: 'the tenant to be created' },
    );
    expect(created.status).toBe(201);
    tenantId = created.body['id'] as string;
    await waitFor(async () => (await platform.statusOf(tenantId)) === 'active', { timeoutMs: 60_000, intervalMs: 250, what: 'the tenant to be active' });
    await waitFor(async () => (await platform.call('GET', `/tenants/${tenantId}/subscription`)).status === 200, { timeoutMs: 30_000, what: 'its subscription' });
    const recorded = await platform.call('POST', `/tenants/${tenantId}/usage`, { body: { eventId: `insights-${tag}`, metric: 'api_calls', quantity: '5000', timestamp: '2027-01-02T10:00:00.000Z' } });
    expect(recorded.status).toBe(202);
    setClock('2027-02-04T01:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    invoice = await waitFor(
      async () => {
        const run = await platform.call('POST', '/billing/runs', { body: {} });
        expect(run.status).toBe(202);
        await waitFor(async () => (await platform.call('GET', `/billing/runs/${run.body['id'] as string}`)).body['status'] !== 'running', { timeoutMs: 30_000, intervalMs: 200, what: 'the billing run' });
        const found = await januaryInvoice();
        return found?.status === 'finalized' ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the finalized January invoice' },
    );
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await smtp.stop();
  });

  it("opens the tenant's health dashboard from its page: the score, each component with its explanation, alerts and the onboarding checklist", async () => {
    const api = await waitFor(
      async () => {
        const answer = await platform.call('GET', `/tenants/${tenantId}/dashboard`);
        return answer.status === 200 ? answer.body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 300, what: 'health scoring to have the tenant' },
    );
    const health = api['health'] as { overall: number; components: Record<string, { explanation: string }> };
    admin = await signedIn(ADMIN_KEY);
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await admin.getByRole('heading', { name: tenantName }).waitFor();
    await admin.getByRole('link', { name: 'Health dashboard' }).click();
    await admin.getByRole('heading', { name: `${tenantName}: health` }).waitFor();
    const card = admin.getByTestId('health-card');
    await card.getByRole('table', { name: 'Health components' }).waitFor();
    expect(Object.keys(health.components).length).toBeGreaterThan(0);
    for (const [component, { explanation }] of Object.entries(health.components)) {
      await card.getByTestId(`component-${component}`).getByText(explanation, { exact: true }).waitFor();
    }
    expect(await admin.getByTestId('health-band').first().textContent()).toContain(String(health.overall));
    await admin.getByRole('list', { name: 'Onboarding checklist' }).getByText('First usage', { exact: false }).waitFor();
    await admin.getByRole('heading', { name: 'Alerts' }).waitFor();
    await admin.getByRole('table', { name: 'Usage against limits' }).getByText('api_calls').waitFor();
    await screenshot(admin, 'tenant-dashboard');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('opens billing for the tenant: subscription, the invoice with its payment state and lines; a credit note behind a dialog, with the refusal of a bad amount at the field', async () => {
    await admin.getByRole('link', { name: 'Billing', exact: true }).click();
    await admin.getByRole('heading', { name: `${tenantName}: billing` }).waitFor();
    await admin.getByTestId('subscription').getByText('growth').waitFor();
    const row = admin.getByTestId(`invoice-${invoice.number}`);
    await row.getByText(invoice.number ?? '(no number)').waitFor();
    expect(await row.getByTestId('payment-status').textContent()).toBe(invoice.paymentStatus === 'succeeded' ? 'paid' : invoice.paymentStatus);
    await admin.getByTestId('dunning').waitFor();
    await row.getByRole('button', { name: `Lines of ${invoice.number}` }).click();
    await admin.getByRole('table', { name: `Lines of ${invoice.number}` }).getByText('base').first().waitFor();

    await row.getByRole('button', { name: `Credit note against ${invoice.number}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Credit note against ${invoice.number}` });
    await dialog.getByLabel(/^Amount/).fill('999999');
    await dialog.getByRole('button', { name: 'Issue credit note' }).click();
    // More than the invoice: the API names `amount`, shown at the field; nothing issued.
    await dialog.getByLabel(/^Amount/).and(admin.locator('[aria-invalid="true"]')).waitFor();
    expect(((await platform.call('GET', `/invoices/${invoice.id}/credit-notes`)).body['creditNotes'] as unknown[]).length).toBe(0);
    await screenshot(admin, 'credit-note-refused');
    await dialog.getByLabel(/^Amount/).fill('5.00');
    await dialog.getByLabel('Memo').fill('console e2e goodwill');
    await dialog.getByRole('button', { name: 'Issue credit note' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const notes = (await platform.call('GET', `/invoices/${invoice.id}/credit-notes`)).body['creditNotes'] as { number: string; amount: string; method: string }[];
    expect(notes).toEqual([expect.objectContaining({ amount: '5.00', method: 'credit' })]);
    await admin.getByText(new RegExp(`${notes[0]?.number ?? '(none)'} \\(credit`)).waitFor();
    await screenshot(admin, 'tenant-billing');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('shows the plans with their charge models and revenue as an MRR movements chart, the range in the URL', async () => {
    await admin.getByRole('link', { name: 'Plans and revenue' }).click();
    await admin.getByRole('heading', { name: 'Plans' }).waitFor();
    const growth = admin.getByTestId('plan-growth');
    await growth.waitFor();
    expect(await growth.textContent()).toMatch(/standard|graduated|volume|package/);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    await admin.goto(`${gatewayUrl}/console/billing/revenue?from=2026-12&to=2027-02`);
    await admin.getByRole('heading', { name: 'Revenue' }).waitFor();
    const chart = admin.getByTestId('mrr-chart');
    await chart.waitFor();
    const revenue = (await platform.call('GET', '/revenue?from=2026-12&to=2027-02')).body as { months: { month: string; currencies: { currency: string; new: string }[] }[] };
    const gained = revenue.months.flatMap((m) => m.currencies).filter((c) => Number(c.new) > 0);
    expect(gained.length).toBeGreaterThan(0);
    expect(await chart.locator('[data-movement="new"]').count()).toBeGreaterThan(0);
    expect(await admin.getByLabel('From month').inputValue()).toBe('2026-12');
    await admin.getByRole('table', { name: 'Revenue by month' }).getByText('2027-01').waitFor();
    await screenshot(admin, 'revenue');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('opens the analytics pages (usage, business, comparative, churn risk) with from/to/plan in the URL, charts and tables', async () => {
    await waitFor(async () => Number((await platform.call('GET', '/analytics/usage?from=2027-01-01&to=2027-01-31')).body['totalApiCalls'] ?? 0) >= 5000, {
      timeoutMs: 30_000,
      intervalMs: 300,
      what: 'the usage analytics to count the January calls',
    });
    await admin.goto(`${gatewayUrl}/console/analytics/usage?from=2027-01-01&to=2027-01-31&plan=growth`);
    await admin.getByRole('heading', { name: 'API calls per day' }).waitFor();
    expect(await admin.getByLabel('From', { exact: true }).inputValue()).toBe('2027-01-01');
    const daily = admin.getByTestId('analytics-daily');
    await daily.waitFor();
    expect(await daily.getByTestId('analytics-daily-bar').count()).toBe(31);
    expect(Number(await daily.locator('[data-testid="analytics-daily-bar"]').nth(1).getAttribute('data-value'))).toBeGreaterThanOrEqual(5000);
    await admin.getByTestId('analytics-hourly').waitFor();
    await screenshot(admin, 'analytics-usage');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    // The tabs keep the range and the plan.
    await admin.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Business' }).click();
    await admin.getByRole('heading', { name: 'Tenant growth' }).waitFor();
    expect(admin.url()).toContain('/console/analytics/business?from=2027-01-01&to=2027-01-31&plan=growth');
    await admin.getByRole('table', { name: 'Tenant growth by month' }).getByText('2027-01').waitFor();
    // One chart per currency, and other suites' tenants share the database: the chart of this tenant's currency counts it.
    await admin.getByRole('img', { name: new RegExp(`^MRR invoiced in ${invoice.currency}: 2027-01 `) }).waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    await admin.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Comparative' }).click();
    const plans = admin.getByRole('table', { name: 'Distribution per plan' });
    await plans.getByRole('cell', { name: 'growth', exact: true }).waitFor();
    // Other suites' growth tenants share the database and the list is ordered by tenant id, 25 a page: open this tenant's page.
    const compared = await platform.call('GET', '/analytics/comparative?from=2027-01-01&to=2027-01-31&plan=growth&limit=1000');
    const position = (compared.body['tenants'] as { tenantId: string }[]).findIndex((t) => t.tenantId === tenantId);
    expect(position).toBeGreaterThanOrEqual(0);
    if (position >= 25) {
      await admin.goto(`${gatewayUrl}/console/analytics/comparative?from=2027-01-01&to=2027-01-31&plan=growth&offset=${Math.floor(position / 25) * 25}`);
      await admin.getByText(new RegExp(`^${Math.floor(position / 25) * 25 + 1}–\\d+ of \\d+$`)).waitFor();
    }
    await admin.getByRole('table', { name: 'Tenants compared' }).getByRole('link', { name: `${tenantId.slice(0, 8)}…` }).waitFor();
    await screenshot(admin, 'analytics-comparative');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    // January's calls and none in February: usage-decline, a churn-risk check-in, completed here with a note.
    const checkIn = await waitFor(
      async () => ((await platform.call('GET', '/retention/check-ins?status=open')).body['items'] as { id: string; tenantId: string }[] | undefined)?.find((c) => c.tenantId === tenantId),
      { timeoutMs: 30_000, intervalMs: 300, what: "the tenant's churn-risk check-in" },
    );
    await admin.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: 'Churn risk' }).click();
    await admin.getByRole('heading', { name: 'Retention check-ins' }).waitFor();
    await admin.getByRole('heading', { name: 'Risk indicators' }).waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    const row = admin.getByTestId(`check-in-${checkIn.id}`);
    await row.getByText(/API calls down/).waitFor();
    await row.getByRole('button', { name: `Complete the check-in of ${tenantId}` }).click();
    const dialog = admin.getByRole('dialog', { name: 'Complete the check-in' });
    await dialog.getByLabel('What was done').fill('Called the admin: seasonal dip');
    await dialog.getByRole('button', { name: 'Complete' }).click();
    await row.waitFor({ state: 'detached' });
    const completed = ((await platform.call('GET', '/retention/check-ins?status=completed')).body['items'] as { id: string; note: string }[]).find((c) => c.id === checkIn.id);
    expect(completed?.note).toBe('Called the admin: seasonal dip');
    await screenshot(admin, 'churn-risk');
  });

  it('shows a read-only key no billing action, and a tenant-admin key its own health and billing but no operator page', async () => {
    const issued = await platform.call('POST', '/api-keys', { body: { name: `insights-ro-${tag}`, role: 'read-only' } });
    expect(issued.status).toBe(201);
    const reader = await signedIn(issued.body['key'] as string);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}/billing`);
    await reader.getByTestId(`invoice-${invoice.number}`).waitFor();
    await reader.getByRole('link', { name: 'Analytics' }).waitFor();
    for (const name of [/^Retry payment/, /^Void/, /^Credit note against/]) expect(await reader.getByRole('button', { name }).count()).toBe(0);
    expect(await reader.getByLabel('Change plan to').count()).toBe(0);
    await reader.goto(`${gatewayUrl}/console/billing/revenue`);
    await reader.getByRole('heading', { name: 'Revenue' }).waitFor();
    expect(await reader.getByRole('button', { name: 'Start billing run' }).count()).toBe(0);
    await reader.goto(`${gatewayUrl}/console/billing/plans`);
    await reader.getByTestId('plan-growth').waitFor();
    expect(await reader.getByRole('button', { name: 'New plan' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: /^Edit / }).count()).toBe(0);

    const own = await signedIn(await platform.tenantAdminKey(tenantId));
    await own.getByRole('heading', { name: tenantName }).waitFor();
    for (const name of ['Analytics', 'Plans and revenue', 'Usage']) expect(await own.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).count()).toBe(0);
    await own.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Health' }).click();
    await own.getByTestId('health-card').waitFor();
    await own.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Billing' }).click();
    await own.getByTestId(`invoice-${invoice.number}`).waitFor();
    expect(await own.getByRole('button', { name: /^Credit note against/ }).count()).toBe(0);
    await own.goto(`${gatewayUrl}/console/analytics/usage`);
    await own.getByText('Your role may not read cross-tenant analytics.').waitFor();
    // Another tenant's dashboard: the API says not found, and the console says so.
    const other = await platform.createTenant();
    await own.goto(`${gatewayUrl}/console/tenants/${other}/dashboard`);
    await own.getByRole('alert').or(own.getByRole('status')).filter({ hasText: /not found|has not seen/i }).first().waitFor();
  });

  it('works at 390 px: the navigation collapses behind a button and wide tables scroll inside the page', async () => {
    const narrow = await signedIn(ADMIN_KEY, { width: 390, height: 844 });
    await narrow.goto(`${gatewayUrl}/console/tenants/${tenantId}/billing`);
    await narrow.getByTestId(`invoice-${invoice.number}`).waitFor();
    // Collapsed: the navigation is moved out of the viewport until the burger opens it.
    const nav = narrow.getByRole('navigation', { name: 'Pages' });
    const closed = await nav.boundingBox();
    expect((closed?.x ?? 0) + (closed?.width ?? 0)).toBeLessThanOrEqual(0);
    const region = narrow.getByRole('region', { name: /^Invoices/ });
    const [scrollWidth, clientWidth] = await region.evaluate((el: { scrollWidth: number; clientWidth: number }) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await narrow.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(narrow, 'tenant-billing-narrow');
    await narrow.getByRole('button', { name: 'Toggle navigation' }).click();
    await waitFor(async () => ((await nav.boundingBox())?.x ?? -1) >= 0, { timeoutMs: 5_000, intervalMs: 100, what: 'the navigation to slide in' });
    await nav.getByRole('link', { name: 'Analytics' }).click();
    await narrow.getByRole('heading', { name: 'Analytics' }).waitFor();
    expect(await seriousAccessibilityViolations(narrow)).toEqual([]);
  });

  it('creates a plan with a graduated charge, refusing a bad base price at its field, and edits it into version 2 with a package charge', async () => {
    const id = `console-${tag}`;
    const name = `Console ${tag}`;
    await admin.goto(`${gatewayUrl}/console/billing/plans`);
    await admin.getByTestId('plan-growth').waitFor();
    await admin.getByRole('button', { name: 'New plan' }).click();
    const dialog = admin.getByRole('dialog', { name: 'New plan' });
    await dialog.getByLabel('Plan id').fill(id);
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Base price a month').fill('49.1234567');
    await dialog.getByLabel('Trial days').fill('14');
    await dialog.getByRole('button', { name: 'Add a usage charge' }).click();
    const charge = dialog.getByRole('group', { name: 'Usage charge 1', exact: true });
    await charge.getByLabel('Metric').fill('api_calls');
    await charge.getByLabel('Charge model').selectOption('graduated');
    await charge.getByLabel('Included quantity').fill('1000');
    await charge.getByLabel('Tier 1 up to').fill('50000');
    await charge.getByLabel('Tier 1 unit price').fill('0.001');
    await charge.getByRole('button', { name: 'Add a tier' }).click();
    await charge.getByLabel('Tier 2 unit price').fill('0.0005');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    // Seven decimals: the API names basePrice, shown at the field; nothing created.
    const basePrice = dialog.getByLabel('Base price a month');
    await basePrice.and(admin.locator('[aria-invalid="true"]')).waitFor();
    await dialog.getByText(/at most 6 decimals/).waitFor();
    expect((await platform.call('GET', `/plans/${id}`)).status).toBe(404);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await basePrice.fill('49');
    await dialog.getByRole('button', { name: 'Create plan' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const created = (await platform.call('GET', `/plans/${id}`)).body as { version: number; basePrice: string; trialDays: number; charges: { model: string; includedQuantity: string; tiers: { upTo: string | null; unitPrice: string }[] }[] };
    expect(created).toMatchObject({ version: 1, trialDays: 14 });
    expect(Number(created.basePrice)).toBe(49);
    expect(created.charges).toHaveLength(1);
    expect(created.charges[0]?.model).toBe('graduated');
    expect(created.charges[0]?.tiers.map((t) => [t.upTo === null ? null : Number(t.upTo), Number(t.unitPrice)])).toEqual([[50000, 0.001], [null, 0.0005]]);
    const row = admin.getByTestId(`plan-${id}`);
    await row.getByRole('cell', { name: /^v1 since/ }).waitFor();
    await row.getByText(/up to 50,000 at 0\.001, above 50,000 at 0\.0005/).waitFor();

    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = admin.getByRole('dialog', { name: `Edit ${name}: version 2` });
    await edit.getByText('existing subscriptions keep the version they started on', { exact: false }).waitFor();
    expect(await edit.getByLabel('Base price a month').inputValue()).toBe('49');
    await edit.getByLabel('Base price a month').fill('59');
    const edited = edit.getByRole('group', { name: 'Usage charge 1', exact: true });
    await edited.getByLabel('Charge model').selectOption('package');
    await edited.getByLabel('Block size').fill('1000');
    await edited.getByLabel('Block price').fill('0.5');
    await edited.getByLabel('Flat fee').fill('2');
    await screenshot(admin, 'plan-edit');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await edit.getByRole('button', { name: 'Save version 2' }).click();
    await edit.waitFor({ state: 'hidden' });
    const v2 = (await platform.call('GET', `/plans/${id}`)).body as { version: number; basePrice: string; charges: { model: string; packageSize: string; packagePrice: string; flatFee: string; tiers?: unknown }[] };
    expect(v2.version).toBe(2);
    expect(Number(v2.basePrice)).toBe(59);
    expect(v2.charges[0]).toMatchObject({ model: 'package' });
    expect([Number(v2.charges[0]?.packageSize), Number(v2.charges[0]?.packagePrice), Number(v2.charges[0]?.flatFee)]).toEqual([1000, 0.5, 2]);
    await row.getByRole('cell', { name: /^v2 since/ }).waitFor();
    await row.getByText(/0\.5 per 1,000 units/).waitFor();
  });

  it("lets the tenant's admin attach cards (a bad number refused at its field), move the default (on attach and with Make default; a read-only key sees no action) and remove one after a confirmation naming it", async () => {
    const own = await signedIn(await platform.tenantAdminKey(tenantId));
    await own.goto(`${gatewayUrl}/console/tenants/${tenantId}/billing`);
    const section = own.getByTestId('payment-methods');
    const form = section.getByRole('form', { name: 'Attach a card' });
    await form.waitFor();
    const cards = async () => ((await platform.call('GET', `/tenants/${tenantId}/payment-methods`)).body['paymentMethods'] as { last4: string; isDefault: boolean; id: string }[]).map((m) => ({ last4: m.last4, isDefault: m.isDefault }));
    const before = await cards();

    await form.getByLabel('Card number').fill('4242');
    await form.getByLabel('Expiry month').fill('12');
    await form.getByLabel('Expiry year').fill('2031');
    await form.getByRole('button', { name: 'Attach card' }).click();
    await form.getByLabel('Card number').and(own.locator('[aria-invalid="true"]')).waitFor();
    await form.getByText('Must be 12 to 19 digits').waitFor();
    expect(await cards()).toEqual(before);
    expect(await seriousAccessibilityViolations(own)).toEqual([]);

    await form.getByLabel('Card number').fill('4242 4242 4242 4242');
    await form.getByRole('button', { name: 'Attach card' }).click();
    await form.getByRole('status').filter({ hasText: /4242 \(12\/2031\) attached/ }).waitFor();
    await section.getByTestId('payment-method-4242').waitFor();
    // The second card, made the default.
    await form.getByLabel('Card number').fill('4000000000000341');
    await form.getByLabel('Expiry month').fill('6');
    await form.getByLabel('Expiry year').fill('2032');
    await form.getByLabel(/^Make it the default/).check();
    await form.getByRole('button', { name: 'Attach card' }).click();
    await section.getByTestId('payment-method-0341').getByText('default', { exact: true }).waitFor();
    const held = await cards();
    expect(held.filter((m) => m.last4 === '0341' || m.last4 === '4242')).toEqual(expect.arrayContaining([{ last4: '0341', isDefault: true }, { last4: '4242', isDefault: false }]));
    expect(held.filter((m) => m.isDefault)).toHaveLength(1);
    await screenshot(own, 'payment-methods');

    // Make default, on the cards that are not: 4242 back, then 0341 again. A read-only key sees the cards and no action.
    expect(await section.getByTestId('payment-method-0341').getByRole('button', { name: /^Make default: / }).count()).toBe(0);
    await section.getByRole('button', { name: 'Make default: visa •••• 4242 (12/2031)', exact: true }).click();
    await section.getByTestId('payment-method-4242').getByText('default', { exact: true }).waitFor();
    expect((await cards()).filter((m) => m.isDefault)).toEqual([{ last4: '4242', isDefault: true }]);
    const reader = await signedIn((await platform.call('POST', '/api-keys', { body: { name: `insights-ro-cards-${tag}`, role: 'read-only' } })).body['key'] as string);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}/billing`);
    await reader.getByTestId('payment-methods').getByTestId('payment-method-0341').waitFor();
    expect(await reader.getByTestId('payment-methods').getByRole('button').count()).toBe(0);
    await section.getByRole('button', { name: 'Make default: visa •••• 0341 (06/2032)', exact: true }).click();
    await section.getByTestId('payment-method-0341').getByText('default', { exact: true }).waitFor();

    const label = /^Remove visa •••• 4242 \(12\/2031\)$/;
    await section.getByRole('button', { name: label }).click();
    const confirm = own.getByRole('dialog', { name: /^Remove visa •••• 4242 \(12\/2031\)\?$/ });
    await confirm.getByText('is detached and no longer charged', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(own)).toEqual([]);
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await section.getByTestId('payment-method-4242').waitFor({ state: 'detached' });
    expect((await cards()).map((m) => m.last4)).not.toContain('4242');
  });

  it("lets the tenant's admin switch mail categories off (critical ones shown, not switchable; a bad recipient refused at its field) and send satisfaction feedback", async () => {
    const own = await signedIn(await platform.tenantAdminKey(tenantId));
    await own.getByRole('heading', { name: tenantName }).waitFor();
    const card = own.getByTestId('notification-preferences');
    const form = card.getByRole('form', { name: 'Mail preferences' });
    await form.getByLabel('Recipient').waitFor();
    const recipient = `ops+${tag}@insights.example`;
    expect(await form.getByLabel('Recipient').inputValue()).toBe(recipient);
    const critical = form.getByRole('switch', { name: /always sent/ });
    expect(await critical.count()).toBeGreaterThan(0);
    for (const one of await critical.all()) expect(await one.isDisabled()).toBe(true);
    await form.getByRole('switch', { name: /^Product/ }).uncheck();
    await form.getByRole('switch', { name: /^Usage/ }).uncheck();
    expect(await form.getByRole('switch', { name: /^Product/ }).isChecked()).toBe(false);
    await form.getByRole('button', { name: 'Save preferences' }).click();
    await form.getByRole('status').filter({ hasText: `Saved for ${recipient}` }).waitFor();
    const held = (await platform.call('GET', `/tenants/${tenantId}/notification-preferences`)).body as { recipients: { recipient: string; categories: Record<string, boolean> }[] };
    expect(held.recipients.find((r) => r.recipient === recipient)?.categories).toEqual({ usage: false, billing: true, lifecycle: true, product: false });

    // Another recipient with a bad address: refused at the field, nothing stored for it.
    await form.getByLabel('Recipient', { exact: true }).selectOption({ label: 'Another recipient…' });
    await form.getByLabel('Recipient e-mail').fill('not-an-address');
    await form.getByRole('button', { name: 'Save preferences' }).click();
    await form.getByLabel('Recipient e-mail').and(own.locator('[aria-invalid="true"]')).waitFor();
    const after = (await platform.call('GET', `/tenants/${tenantId}/notification-preferences`)).body as { recipients: { recipient: string }[] };
    expect(after.recipients.map((r) => r.recipient)).toEqual([recipient]);
    await screenshot(own, 'mail-preferences');
    expect(await seriousAccessibilityViolations(own)).toEqual([]);

    const feedback = own.getByTestId('satisfaction-feedback').getByRole('form', { name: 'Satisfaction feedback' });
    const score = feedback.getByLabel(/^How likely/);
    await score.fill('11');
    await feedback.getByRole('button', { name: 'Send feedback' }).click();
    await score.and(own.locator('[aria-invalid="true"]')).waitFor();
    await feedback.getByText('Must be an integer from 0 to 10').waitFor();
    await score.fill('9');
    await feedback.getByLabel('Comment').fill('The console makes billing clear');
    await feedback.getByRole('button', { name: 'Send feedback' }).click();
    await feedback.getByRole('status').filter({ hasText: 'a score of 9 was recorded' }).waitFor();
    // Only the 9 was recorded: the satisfaction component averages it alone.
    const satisfaction = await waitFor(
      async () => ((await platform.call('GET', `/tenants/${tenantId}/dashboard`)).body['health'] as { components: Record<string, { inputs: Record<string, number> }> } | undefined)?.components['satisfaction'],
      { timeoutMs: 15_000, intervalMs: 300, what: 'the satisfaction component' },
    );
    expect(satisfaction.inputs).toMatchObject({ responses: 1, averageScore: 9 });
    expect(await seriousAccessibilityViolations(own)).toEqual([]);
  });
  it('records why the tenant leaves while it is being offboarded (a missing reason refused at its field) and lists it; a read-only key reads it without the form', async () => {
    // Provisioning stopped first: the offboarding it would run then waits, so the tenant stays being
    // offboarded (a deleted tenant takes no more writes, and the export would finish in a moment).
    await provisioningService?.process.kill('SIGTERM');
    const slug = (await platform.call('GET', `/tenants/${tenantId}`)).body['slug'] as string;
    const admin = await signedIn(ADMIN_KEY);
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    expect(await admin.getByRole('heading', { name: 'Offboarding feedback' }).count()).toBe(0);
    await admin.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = admin.getByRole('dialog', { name: `Delete ${tenantName}?` });
    await confirm.getByLabel(`Type ${slug} to confirm`).fill(slug);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await admin.getByTestId('status').filter({ hasText: /^offboarding$/ }).first().waitFor();

    const form = admin.getByRole('form', { name: 'Record offboarding feedback' });
    await admin.getByText('No feedback recorded.').waitFor();
    await form.getByLabel('Score').fill('4');
    await form.getByRole('button', { name: 'Record feedback' }).click();
    await form.getByLabel('Reason').and(admin.locator('[aria-invalid="true"]')).waitFor();
    expect((await platform.call('GET', `/tenants/${tenantId}/offboarding-feedback`)).body['items']).toEqual([]);
    await form.getByLabel('Reason').click();
    await admin.getByRole('option', { name: 'Too expensive' }).click();
    await form.getByLabel('Comment').fill('Cheaper elsewhere for our size');
    await form.getByRole('button', { name: 'Record feedback' }).click();
    await form.getByRole('status').filter({ hasText: 'Feedback recorded.' }).waitFor();
    await admin.getByRole('table', { name: 'Offboarding feedback' }).getByRole('row').filter({ hasText: 'Too expensive' }).filter({ hasText: 'Cheaper elsewhere for our size' }).filter({ hasText: '4' }).waitFor();
    const listed = (await platform.call('GET', `/tenants/${tenantId}/offboarding-feedback`)).body['items'] as { reason: string; score: number; comment: string }[];
    expect(listed).toEqual([expect.objectContaining({ reason: 'too-expensive', score: 4, comment: 'Cheaper elsewhere for our size' })]);
    await screenshot(admin, 'tenant-offboarding-feedback');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    const issued = await platform.call('POST', '/api-keys', { body: { name: `insights-ro-feedback-${tag}`, role: 'read-only' } });
    const reader = await signedIn(issued.body['key'] as string);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await reader.getByRole('table', { name: 'Offboarding feedback' }).getByRole('row').filter({ hasText: 'Too expensive' }).waitFor();
    expect(await reader.getByRole('button', { name: 'Record feedback' }).count()).toBe(0);
  });
});
