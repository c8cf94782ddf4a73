// The operator console in a real browser (Debian's Chromium through playwright-core) against the real
// stack: gateway serving /console, tenant-registry, provisioning, metering (usage alerts),
// notifications (webhook endpoints), Kafka and Postgres. What a person
// clicking through the console sees, checked also through the API the console itself uses.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, databaseUrl, RunningService, startGroupAtEnd, startService, waitFor, waitUntilReady } from '@tenantry/testing';
import { launchBrowser, newContext, screenshot, seriousAccessibilityViolations, signedInPage } from './support/browser';
import { PlatformClient, suffix } from './support/platform-client';

jest.setTimeout(180_000);

const ADMIN_KEY = `e2e-console-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-console-e2e-'));
// TXT records provisioning reads to verify a custom domain (DNS_RESOLVER=file): no real DNS in a test.
const DNS_FILE = join(FILES, 'dns.json');
const TENANT_DATABASE_URL = (() => {
  const url = new URL(databaseUrl());
  url.pathname = `${url.pathname}_tenants`;
  return url.toString();
})();
const LIFECYCLE_GROUP = `e2e-console-provisioning-${randomBytes(4).toString('hex')}`;

describe('the operator console in a browser', () => {
  const services: RunningService[] = [];
  let gatewayUrl = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  const tag = suffix();
  const tenantName = `Console ${tag}`;
  let tenantId = '';
  let tenantAdminKey = '';
  let admin: Page;

  const signedIn = (key: string): Promise<Page> => signedInPage(browser, contexts, gatewayUrl, key);

  beforeAll(async () => {
    const registry = await startService('tenant-registry', freshGroups('e2e-console-registry'));
    services.push(registry);
    await startGroupAtEnd(LIFECYCLE_GROUP, TOPICS.TENANT_LIFECYCLE.name);
    const provisioning = await startService('provisioning', {
      TENANT_STORAGE_ROOT: join(FILES, 'storage'),
      EXPORT_DIR: join(FILES, 'exports'),
      SAGA_RETRY_BASE_MS: '50',
      TENANT_DATABASE_URL,
      LIFECYCLE_CONSUMER_GROUP: LIFECYCLE_GROUP,
      DNS_RESOLVER: 'file',
      DNS_RECORDS_FILE: DNS_FILE,
    });
    services.push(provisioning);
    const metering = await startService('metering', { ...freshGroups('e2e-console-metering'), COLLECTOR_INTERVAL_MS: '600000' });
    services.push(metering);
    const notifications = await startService('notifications', { ...freshGroups('e2e-console-notifications'), WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    services.push(notifications);
    const gateway = await startService('gateway', { TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url, METERING_URL: metering.url, NOTIFICATIONS_URL: notifications.url });
    services.push(gateway);
    const [started] = await Promise.all([launchBrowser(), ...services.map((service) => waitUntilReady(service))]);
    browser = started as Browser;
    gatewayUrl = gateway.url;
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
  });

  it('serves the console at /console, with deep links, beside an untouched API', async () => {
    const index = await fetch(`${gatewayUrl}/console/tenants?status=active`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('/console/assets/');
    const api = await fetch(`${gatewayUrl}/api/v1/platform/tenants`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${gatewayUrl}/console/assets/nothing-here.js`)).status).toBe(404);
  });

  it('refuses a wrong key in words and signs the admin in with the key kept in session storage only', async () => {
    const context = await newContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${gatewayUrl}/console/`);
    await page.getByLabel('API key').fill('not-a-key-at-all-123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The API key is unknown or revoked.').waitFor();

    admin = await signedIn(ADMIN_KEY);
    await admin.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(admin.url()).toBe(`${gatewayUrl}/console/tenants`);
    expect(await admin.evaluate<string[]>('Object.values(sessionStorage)')).toEqual([ADMIN_KEY]);
    expect(await admin.evaluate<string[]>('Object.values(localStorage)')).toEqual([]);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('creates a tenant: the API\'s field errors show at the fields, then the tenant page shows it become active', async () => {
    await admin.getByRole('button', { name: 'Create tenant' }).click();
    const form = admin.getByRole('dialog', { name: 'Create a tenant' });
    await form.getByLabel('Name').fill(tenantName);
    await form.getByLabel('Admin email').fill('not-an-email');
    await form.getByLabel('Domain', { exact: true }).fill(`console-${tag}`);
    await form.getByRole('button', { name: 'Create' }).click();
    // The message the API gives for adminEmail, shown at the field (and no tenant created).
    await form.getByLabel('Admin email').and(admin.locator('[aria-invalid="true"]')).waitFor();
    await screenshot(admin, 'create-tenant-errors');
    await form.getByLabel('Admin email').fill(`ops+${tag}@console.example`);
    await form.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('heading', { name: tenantName }).waitFor();
    tenantId = new URL(admin.url()).pathname.split('/').pop() ?? '';
    expect(tenantId).toMatch(/^[0-9a-f-]{36}$/);
    // The page polls while provisioning runs: the badge turns active (or trial) without a reload.
    await admin.getByTestId('status').filter({ hasText: /^(active|trial)$/ }).first().waitFor({ timeout: 60_000 });
    await admin.getByRole('table', { name: 'Provisioning steps' }).getByText('succeeded').first().waitFor({ timeout: 30_000 });
    expect(['active', 'trial']).toContain(await platform.statusOf(tenantId));
    await screenshot(admin, 'tenant');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('finds the tenant by search, with the filters in a shareable URL', async () => {
    await admin.goto(`${gatewayUrl}/console/tenants?q=${encodeURIComponent(tenantName)}&sort=name`);
    const table = admin.getByRole('table', { name: 'Tenants' });
    await table.getByRole('link', { name: tenantName }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await screenshot(admin, 'tenants');
  });

  it('creates a tenant with the full form: a bad value refused at its field (nothing created), then a trial, a custom domain and a configuration it becomes a trial with', async () => {
    const fullName = `Full form ${tag}`;
    const host = `shop-${tag}.console.example`;
    await admin.goto(`${gatewayUrl}/console/tenants`);
    await admin.getByRole('button', { name: 'Create tenant' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Create a tenant' });
    await dialog.getByRole('tab', { name: 'Full form' }).click();
    const form = dialog.getByRole('form', { name: 'Create a tenant (full form)' });
    await form.getByLabel('Name').fill(fullName);
    await form.getByLabel('Admin email').fill(`ops+full-${tag}@console.example`);
    await form.getByLabel('Domain', { exact: true }).fill(host);
    await form.getByLabel('Domain kind').click();
    await admin.getByRole('option', { name: 'Custom domain' }).click();
    await form.getByLabel('Trial', { exact: true }).click();
    await admin.getByRole('option', { name: 'Start with a trial' }).click();
    await form.getByLabel('Trial days').fill('21');
    await form.getByLabel('Language').fill('fr-FR');
    await form.getByLabel('Time zone').fill('Mars/Olympus');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Users').fill('40');
    await form.getByRole('button', { name: 'Create' }).click();
    // The API names configuration.timezone; the console shows it at the Time zone input, and nothing is created.
    await form.getByLabel('Time zone').and(admin.locator('[aria-invalid="true"]')).waitFor();
    expect(await form.getByLabel('Currency').getAttribute('aria-invalid')).not.toBe('true');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'create-tenant-full-form-error');
    expect((await platform.call('GET', `/tenants?q=${encodeURIComponent(fullName)}`)).body['items']).toEqual([]);

    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByRole('button', { name: 'Create' }).click();
    await admin.getByRole('heading', { name: fullName }).waitFor();
    const id = new URL(admin.url()).pathname.split('/').pop() ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // A custom domain waits for its DNS TXT record: publish it (the file provisioning reads), then verify from the tenant page.
    const record = await waitFor(
      async () => {
        const saga = await platform.call('GET', `/tenants/${id}/provisioning`);
        const step = (saga.body['steps'] as { name: string; status: string; detail?: { verification?: { name: string; value: string } } }[] | undefined)?.find((s) => s.name === 'domain');
        return step?.status === 'waiting' ? step.detail?.verification : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the domain step to wait for its DNS record' },
    );
    writeFileSync(DNS_FILE, JSON.stringify({ [record.name]: [record.value] }));
    await admin.goto(`${gatewayUrl}/console/tenants/${id}?section=domain`);
    await admin.getByRole('button', { name: 'Verify the domain' }).click();
    await admin.getByRole('status').filter({ hasText: `${host} is verified.` }).waitFor();
    await admin.getByTestId('status').filter({ hasText: /^trial$/ }).first().waitFor({ timeout: 60_000 });

    const tenant = (await platform.call('GET', `/tenants/${id}`)).body as { plan: { trial: boolean; duration: number; trialEndsAt: string }; domain: { type: string }; configuration: Record<string, string>; resources: { users: number } };
    expect(tenant.plan).toMatchObject({ trial: true, duration: 21 });
    expect(tenant.domain.type).toBe('custom');
    expect(tenant.configuration).toMatchObject({ language: 'fr-FR', timezone: 'Europe/Paris', currency: 'EUR' });
    expect(tenant.resources.users).toBe(40);
    // What the tenant page says, as the console writes dates ("22 Dec 2026, 10:00 UTC").
    await admin.reload();
    const endDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(tenant.plan.trialEndsAt));
    for (const shown of [`starter (trial until ${endDay}`, `${host} (custom, TLS)`, 'fr-FR, Europe/Paris, EUR', '40 users']) await admin.getByRole('cell').filter({ hasText: shown }).first().waitFor();
    await screenshot(admin, 'tenant-full-form');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('issues a tenant-admin key (its secret shown once) that sees only its own tenant', async () => {
    await admin.goto(`${gatewayUrl}/console/admin/api-keys`);
    const form = admin.getByRole('form', { name: 'Issue an API key' });
    await form.getByLabel('Key name').fill(`console-${tag}`);
    await form.getByLabel('Role', { exact: true }).click();
    await admin.getByRole('option', { name: 'tenant-admin' }).click();
    await form.getByLabel('Tenant id').fill(tenantId);
    await form.getByRole('button', { name: 'Issue key' }).click();
    tenantAdminKey = ((await admin.getByTestId('new-key').textContent()) ?? '').trim();
    expect(tenantAdminKey).toMatch(/^tnt_/);
    await screenshot(admin, 'api-key-issued');
    await admin.getByRole('button', { name: 'Done' }).click();
    await admin.getByTestId(`key-console-${tag}`).waitFor();
    expect(await admin.getByText(tenantAdminKey).count()).toBe(0);

    const own = await signedIn(tenantAdminKey);
    await own.getByRole('heading', { name: tenantName }).waitFor();
    expect(own.url()).toContain(`/console/tenants/${tenantId}`);
    expect(await own.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Suspend' }).count()).toBe(0);
    // Another tenant's page: the API says not found, and the console says so.
    const other = await platform.createTenant();
    await own.goto(`${gatewayUrl}/console/tenants/${other}`);
    await own.getByRole('alert').filter({ hasText: /not found|No tenant/i }).waitFor();
    // The list route leads back to its own tenant.
    await own.goto(`${gatewayUrl}/console/tenants`);
    await own.getByRole('heading', { name: tenantName }).waitFor();
  });

  it('suspends the tenant after a confirmation naming it: the gateway then refuses its key; reactivates it', async () => {
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await admin.getByRole('button', { name: 'Suspend' }).click();
    const dialog = admin.getByRole('dialog', { name: `Suspend ${tenantName}?` });
    await dialog.getByLabel('Reason').fill('console e2e');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await admin.getByTestId('status').filter({ hasText: 'suspended' }).first().waitFor();
    await admin.getByText('Reason: console e2e').waitFor();
    await waitFor(async () => (await platform.call('GET', `/tenants/${tenantId}`, { key: tenantAdminKey })).status === 403, { timeoutMs: 30_000, intervalMs: 200, what: 'the gateway to refuse the suspended tenant\'s key' });
    await admin.getByRole('button', { name: 'Reactivate' }).click();
    await admin.getByRole('dialog', { name: `Reactivate ${tenantName}?` }).getByRole('button', { name: 'Reactivate' }).click();
    await admin.getByTestId('status').filter({ hasText: /^(active|trial)$/ }).first().waitFor();
    await waitFor(async () => (await platform.call('GET', `/tenants/${tenantId}`, { key: tenantAdminKey })).status === 200, { timeoutMs: 30_000, intervalMs: 200, what: 'the key to work again' });
  });

  it('edits the limits (soft/hard), and shows the API\'s refusal of a bad value at the field', async () => {
    const limits = admin.getByRole('form', { name: 'Limits' });
    await limits.getByLabel('Users', { exact: true }).fill('7');
    await limits.getByLabel('Users mode', { exact: true }).click();
    await admin.getByRole('option', { name: 'hard' }).click();
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByText('Limits saved.').waitFor();
    const saved = await platform.call('GET', `/tenants/${tenantId}/limits`);
    expect(saved.body['users']).toEqual({ limit: 7, mode: 'hard' });

    await limits.getByLabel('Storage (GB)', { exact: true }).fill('99999999999');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByLabel('Storage (GB)', { exact: true }).and(admin.locator('[aria-invalid="true"]')).waitFor();
    expect((await platform.call('GET', `/tenants/${tenantId}/limits`)).body['version']).toBe(saved.body['version']);
  });

  it("limits an operator-defined meter in the limits form (an unknown meter refused at its field), kept after a reload", async () => {
    const meter = `docs_${tag}`;
    const defined = await platform.call('POST', '/meters', { body: { key: meter, description: 'Documents processed', unit: 'documents', aggregation: 'sum' } });
    expect(defined.status).toBe(201);
    // A fresh page: the previous test left a refused value in the form.
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    const limits = admin.getByRole('form', { name: 'Limits' });
    await limits.getByText('No limit on a meter.').waitFor();
    await limits.getByLabel('Meter', { exact: true }).fill(meter);
    await admin.getByRole('option', { name: meter }).click();
    await limits.getByRole('button', { name: 'Add meter limit' }).click();
    await limits.getByLabel(`${meter} limit`).fill('1500');
    await limits.getByLabel(`${meter} mode`).click();
    await admin.getByRole('option', { name: 'hard' }).click();
    // A key no meter has (typed, not chosen): the API's 400 names meters.<key>, shown on that row.
    const ghost = `ghost_${tag}`;
    await limits.getByLabel('Meter', { exact: true }).fill(ghost);
    await limits.getByRole('button', { name: 'Add meter limit' }).click();
    await limits.getByLabel(`${ghost} limit`).fill('3');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByLabel(`${ghost} limit`).and(admin.locator('[aria-invalid="true"]')).waitFor();
    await limits.getByText(`No meter ${ghost} is defined`, { exact: false }).waitFor();
    expect((await platform.call('GET', `/tenants/${tenantId}/limits`)).body['meters']).toBeUndefined();
    await limits.getByRole('button', { name: `Remove the limit on ${ghost}` }).click();
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByText('Limits saved.').waitFor();
    expect((await platform.call('GET', `/tenants/${tenantId}/limits`)).body['meters']).toEqual({ [meter]: { limit: 1500, mode: 'hard' } });

    await admin.reload();
    const reloaded = admin.getByRole('form', { name: 'Limits' });
    expect(await reloaded.getByLabel(`${meter} limit`).inputValue()).toBe('1500');
    expect(await reloaded.getByLabel(`${meter} mode`).inputValue()).toBe('hard');
    await screenshot(admin, 'tenant-meter-limits');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('shows a read-only key no button that would be refused', async () => {
    const issued = await platform.call('POST', '/api-keys', { body: { name: `console-ro-${tag}`, role: 'read-only' } });
    expect(issued.status).toBe(201);
    const reader = await signedIn(issued.body['key'] as string);
    await reader.getByRole('heading', { name: 'Tenants' }).waitFor();
    expect(await reader.getByRole('button', { name: 'Create tenant' }).count()).toBe(0);
    expect(await reader.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await reader.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await reader.getByRole('heading', { name: tenantName }).waitFor();
    await reader.getByRole('table', { name: 'History' }).waitFor();
    for (const name of ['Suspend', 'Reactivate', 'Delete', 'Save limits', 'Add meter limit', 'Retry provisioning']) expect(await reader.getByRole('button', { name }).count()).toBe(0);
  });

  it('revokes the tenant-admin key after a confirmation: the gateway then answers 401 to it', async () => {
    await admin.goto(`${gatewayUrl}/console/admin/api-keys`);
    const row = admin.getByTestId(`key-console-${tag}`);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('dialog', { name: `Revoke the key console-${tag}?` }).getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^revoked/).waitFor();
    expect((await platform.call('GET', '/me', { key: tenantAdminKey })).status).toBe(401);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it("reads each action's audit entry in the audit log, filtered by the tenant", async () => {
    await admin.goto(`${gatewayUrl}/console/admin/audit?tenantId=${tenantId}`);
    const table = admin.getByRole('table', { name: 'Audit entries' });
    for (const call of ['POST /api/v1/platform/tenants/:id/suspend', 'POST /api/v1/platform/tenants/:id/reactivate', 'PUT /api/v1/platform/tenants/:id/limits']) {
      await table.getByText(call, { exact: true }).first().waitFor();
    }
    await screenshot(admin, 'audit');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    // The key's creation and revocation are in the unfiltered log.
    await admin.goto(`${gatewayUrl}/console/admin/audit`);
    await admin.getByRole('table', { name: 'Audit entries' }).getByText('DELETE /api/v1/platform/api-keys/:id', { exact: true }).first().waitFor();
  });

  it('opens the usage summary and the webhooks pages from the navigation, with no serious accessibility violation', async () => {
    await admin.getByRole('link', { name: 'Usage' }).click();
    await admin.getByRole('heading', { name: 'Usage' }).waitFor();
    expect(admin.url()).toBe(`${gatewayUrl}/console/usage`);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await admin.getByRole('heading', { name: 'Webhooks' }).waitFor();
    // This spec does not start notifications: the page shows the endpoints, or says in words why it cannot.
    await admin.getByRole('alert').or(admin.getByRole('table', { name: 'Webhook endpoints' })).first().waitFor();
    await screenshot(admin, 'webhooks');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it("shows the usage alerts the tenant received on its usage view: metric, threshold, level and when", async () => {
    const current = (await platform.call('GET', `/tenants/${tenantId}/limits`)).body;
    const limits = await platform.call('PUT', `/tenants/${tenantId}/limits`, { body: { storage: current['storage'], users: current['users'], bandwidth: current['bandwidth'], apiCalls: { limit: 10, mode: 'soft' } } });
    expect(limits.status).toBe(200);
    // Metering hears of the new limit from the registry's event; usage past it then raises 80 %, 100 % and exceeded.
    await waitFor(
      async () => {
        const usage = await platform.call('GET', `/tenants/${tenantId}/usage?metric=api_calls`);
        return (usage.body['current'] as { metric: string; limit: string | null }[] | undefined)?.find((c) => c.metric === 'api_calls')?.limit === '10';
      },
      { timeoutMs: 60_000, what: 'metering to apply the limit' },
    );
    const recorded = await platform.call('POST', `/tenants/${tenantId}/usage`, { body: { eventId: `console-${tag}`, metric: 'api_calls', quantity: '12', timestamp: new Date().toISOString() } });
    expect(recorded.status).toBe(202);

    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    const alerts = admin.getByRole('table', { name: 'Usage alerts' });
    await alerts.waitFor({ timeout: 60_000 });
    for (const threshold of ['80 % of the limit', '100 % of the limit', 'limit exceeded']) {
      await alerts.getByRole('row').filter({ hasText: threshold }).filter({ hasText: 'api_calls' }).filter({ hasText: 'soft' }).first().waitFor({ timeout: 30_000 });
    }
    // When: today's date as the console writes it ("1 Dec 2026, 10:00 UTC").
    const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
    expect(await alerts.locator('tbody tr').first().locator('td').first().textContent()).toContain(today);
    await screenshot(admin, 'tenant-usage-alerts');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it("shows the tenant's audit trail on its page: who, what, when and the outcome, a page at a time", async () => {
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    const trail = admin.getByRole('table', { name: 'Tenant audit trail' });
    const suspended = trail.getByRole('row').filter({ hasText: 'POST /api/v1/platform/tenants/:id/suspend' }).first();
    await suspended.waitFor();
    expect(await suspended.textContent()).toContain('platform-admin');
    expect(await suspended.textContent()).toMatch(/succeeded \(2\d\d\)/);
    await trail.getByRole('row').filter({ hasText: 'PUT /api/v1/platform/tenants/:id/limits' }).filter({ hasText: 'failed (400)' }).first().waitFor();
    // Paging: buttons say whether there is more, and going forward and back keeps the table filled.
    const next = admin.getByRole('button', { name: 'Next audit page' });
    if (await next.isEnabled()) {
      await next.click();
      await admin.getByRole('button', { name: 'Previous audit page' }).click();
      await suspended.waitFor();
    }
    expect(await admin.getByRole('button', { name: 'Previous audit page' }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('rotates a webhook secret (shown once, the old one valid for the overlap) and replays a range after confirmations; a read-only key sees neither button', async () => {
    const url = `http://127.0.0.1:9/console-hooks/${tag}`;
    const created = await platform.call('POST', '/webhook-endpoints', { body: { url, eventTypes: ['Tenant*'], tenantId } });
    expect(created.status).toBe(201);
    await admin.goto(`${gatewayUrl}/console/webhooks`);
    const row = admin.getByTestId(`endpoint-${url}`);
    await row.getByRole('button', { name: `Rotate secret of ${url}` }).click();
    await admin.getByRole('dialog', { name: `Rotate the signing secret of ${url}?` }).getByRole('button', { name: 'Rotate secret' }).click();
    const shown = admin.getByRole('dialog', { name: 'New signing secret' });
    const secret = ((await shown.getByTestId('rotated-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(created.body['secret']);
    await shown.getByText(/The previous secret stays valid until/).waitFor();
    await shown.getByRole('button', { name: 'Copy secret' }).waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await screenshot(admin, 'webhook-secret-rotated');
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'hidden' });
    expect(await admin.getByText(secret).count()).toBe(0);

    await row.getByRole('button', { name: `Replay events to ${url}` }).click();
    const replay = admin.getByRole('dialog', { name: `Replay events to ${url}?` });
    await replay.getByRole('button', { name: 'Replay events' }).click();
    // No range given: the API names the field and the console shows it there; nothing is queued.
    await replay.getByLabel('From').and(admin.locator('[aria-invalid="true"]')).waitFor();
    const local = (at: Date) => new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await replay.getByLabel('From').fill(local(new Date(Date.now() - 3_600_000)));
    await replay.getByLabel('To').fill(local(new Date(Date.now() + 60_000)));
    await replay.getByRole('button', { name: 'Replay events' }).click();
    await admin.getByRole('status').filter({ hasText: new RegExp(`\\d+ events? queued for ${url.replace(/[.]/g, '\\.')}`) }).waitFor();

    const issued = await platform.call('POST', '/api-keys', { body: { name: `console-ro-hooks-${tag}`, role: 'read-only' } });
    const reader = await signedIn(issued.body['key'] as string);
    await reader.goto(`${gatewayUrl}/console/webhooks`);
    await reader.getByTestId(`endpoint-${url}`).waitFor();
    for (const name of [`Rotate secret of ${url}`, `Replay events to ${url}`]) expect(await reader.getByRole('button', { name }).count()).toBe(0);
  });

  it('keeps the header on one line at 375 px, the role shortened rather than wrapped', async () => {
    const context = await newContext(browser, { viewport: { width: 375, height: 800 } });
    contexts.push(context);
    const narrow = await context.newPage();
    await narrow.goto(`${gatewayUrl}/console/`);
    await narrow.getByLabel('API key').fill(ADMIN_KEY);
    await narrow.getByRole('button', { name: 'Sign in' }).click();
    const role = narrow.getByTestId('role');
    await role.waitFor();
    const signOut = narrow.getByRole('button', { name: 'Sign out' });
    const [roleBox, buttonBox, header] = await Promise.all([role.boundingBox(), signOut.boundingBox(), narrow.locator('header').boundingBox()]);
    if (!roleBox || !buttonBox || !header) throw new Error('the header, the role or the sign-out button is not shown');
    // One line: the role is no taller than a line of its text, and everything fits inside the 375 px header.
    const lineHeight = await narrow.evaluate<number>(`parseFloat(getComputedStyle(document.querySelector('[data-testid="role"]')).lineHeight)`);
    expect(lineHeight).toBeGreaterThan(0);
    expect(roleBox.height).toBeLessThanOrEqual(lineHeight + 1);
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(375);
    expect(roleBox.y).toBeGreaterThanOrEqual(header.y);
    expect(roleBox.y + roleBox.height).toBeLessThanOrEqual(header.y + header.height);
    expect(await narrow.locator('header').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The full role is still there for a reader: in the text (cut visually) and in its title.
    expect(await role.textContent()).toBe('platform-admin');
    expect(await role.getAttribute('title')).toBe('platform-admin');
    await screenshot(narrow, 'header-375');
    expect(await seriousAccessibilityViolations(narrow)).toEqual([]);
  });
});
