// The console's administration tools in a real browser (Debian's Chromium through playwright-core)
// against the real stack: gateway serving /console, tenant-registry (configuration, bulk jobs,
// maintenance), provisioning (tenant users, data import), notifications (webhook endpoints), Kafka and Postgres.
// What a person clicking through these pages sees, checked also through the API the console uses.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, RunningService, startGroupAtEnd, startService, tenantsDatabaseUrl, TestSmtpServer, waitFor, waitUntilReady } from '@tenantry/testing';
import { launchBrowser, screenshot, seriousAccessibilityViolations, signedInPage } from './support/browser';
import { PlatformClient, suffix } from './support/platform-client';

jest.setTimeout(180_000);

const ADMIN_KEY = `e2e-console-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-console-admin-e2e-'));
const TENANT_DATABASE_URL = tenantsDatabaseUrl();
const LIFECYCLE_GROUP = `e2e-console-admin-provisioning-${randomBytes(4).toString('hex')}`;

/** A `datetime-local` value (local time, minutes) for a moment from now. */
function localInput(msFromNow: number): string {
  const d = new Date(Date.now() + msFromNow);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('the console administration tools in a browser', () => {
  const services: RunningService[] = [];
  const smtp = new TestSmtpServer();
  let gatewayUrl = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  const tag = suffix();
  let tenantId = '';
  let tenantName = '';
  let admin: Page;

  const signedIn = (key: string, viewport?: { width: number; height: number }): Promise<Page> => signedInPage(browser, contexts, gatewayUrl, key, viewport);

  async function configurationVersion(): Promise<number> {
    const view = await platform.call('GET', `/tenants/${tenantId}/configuration`);
    expect(view.status).toBe(200);
    return view.body['version'] as number;
  }

  beforeAll(async () => {
    await smtp.start();
    const registry = await startService('tenant-registry', freshGroups('e2e-console-admin-registry'));
    await startGroupAtEnd(LIFECYCLE_GROUP, TOPICS.TENANT_LIFECYCLE.name);
    const provisioning = await startService('provisioning', {
      TENANT_STORAGE_ROOT: join(FILES, 'storage'),
      EXPORT_DIR: join(FILES, 'exports'),
      SAGA_RETRY_BASE_MS: '50',
      TENANT_DATABASE_URL,
      LIFECYCLE_CONSUMER_GROUP: LIFECYCLE_GROUP,
    });
    const notifications = await startService('notifications', { ...freshGroups('e2e-console-admin-notifications'), SMTP_URL: smtp.url, NOTIFY_SEND_INTERVAL_MS: '100', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    const gateway = await startService('gateway', { TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url, NOTIFICATIONS_URL: notifications.url });
    services.push(registry, provisioning, notifications, gateway);
    const [started] = await Promise.all([launchBrowser(), ...services.map((service) => waitUntilReady(service))]);
    browser = started as Browser;
    gatewayUrl = gateway.url;
    tenantId = await platform.createTenant(tag);
    tenantName = `E2E ${tag}`;
    await waitFor(async () => ['active', 'trial'].includes((await platform.statusOf(tenantId)) ?? ''), { timeoutMs: 90_000, intervalMs: 300, what: 'the tenant provisioned' });
    admin = await signedIn(ADMIN_KEY);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await smtp.stop();
  });

  it("changes the tenant's configuration (a bad value refused at its path, a stale version in words), diffs and rolls it back", async () => {
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}?section=configuration`);
    await admin.getByRole('heading', { name: tenantName }).waitFor();
    await admin.getByRole('table', { name: 'Effective configuration' }).waitFor();
    const before = await configurationVersion();
    const editor = admin.getByRole('form', { name: 'Edit configuration' });

    // A colour the schema refuses: the error is shown at its path, and nothing is stored.
    await editor.getByLabel('Overrides (JSON)').fill(JSON.stringify({ branding: { primaryColor: 'blue' } }, null, 2));
    await editor.getByLabel('Reason for the change').fill('console e2e');
    await editor.getByRole('button', { name: 'Save configuration' }).click();
    await editor.getByTestId('config-error-branding.primaryColor').waitFor();
    expect(await configurationVersion()).toBe(before);
    await screenshot(admin, 'configuration-errors');

    // Broken JSON never leaves the browser.
    await editor.getByLabel('Overrides (JSON)').fill('{"branding": ');
    await editor.getByRole('button', { name: 'Save configuration' }).click();
    await editor.getByText(/^Not valid JSON/).waitFor();

    // A valid change: previewed, saved as the next version; the effective value says it is the tenant's.
    await editor.getByLabel('Overrides (JSON)').fill(JSON.stringify({ branding: { primaryColor: '#123456' } }, null, 2));
    await editor.getByRole('button', { name: 'Preview changes' }).click();
    await editor.getByRole('table', { name: 'Preview of the change' }).getByText('branding.primaryColor').waitFor();
    expect(await configurationVersion()).toBe(before);
    await editor.getByLabel('Reason for the change').fill('console e2e');
    await editor.getByRole('button', { name: 'Save configuration' }).click();
    await editor.getByText(`Saved as version ${before + 1}.`).waitFor();
    const row = admin.getByTestId('config-branding.primaryColor');
    await row.getByText('#123456').waitFor();
    await row.getByText('tenant override').waitFor();

    // Someone else changes it meanwhile: the editor's If-Match is stale, and the console says so in words.
    const elsewhere = await platform.call('PATCH', `/tenants/${tenantId}/configuration?reason=elsewhere`, { body: { theme: 'elsewhere' } });
    expect(elsewhere.status).toBe(200);
    await editor.getByLabel('Overrides (JSON)').fill(JSON.stringify({ branding: { primaryColor: '#654321' } }));
    await editor.getByLabel('Reason for the change').fill('stale edit');
    await editor.getByRole('button', { name: 'Save configuration' }).click();
    await editor.getByText(/Someone changed this configuration while you edited it \(it is now at version \d+; you started from version \d+\)/).waitFor();
    expect(await configurationVersion()).toBe(before + 2);
    await editor.getByRole('button', { name: 'Reload the configuration' }).click();
    await editor.getByText(`Editing version ${before + 2}.`).waitFor();

    // The diff of the saved version, then a rollback to the version before it, after a confirmation naming it.
    const versions = admin.getByRole('table', { name: 'Configuration versions' });
    await versions.getByRole('button', { name: `Diff version ${before + 1} with version ${before}` }).click();
    await admin.getByRole('table', { name: `Changes from version ${before} to ${before + 1}` }).getByText('branding.primaryColor').waitFor();
    expect(new URL(admin.url()).searchParams.get('diffTo')).toBe(String(before + 1));
    await versions.getByRole('button', { name: `Roll back to version ${before}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Roll the configuration back to version ${before}?` });
    await dialog.getByLabel('Reason').fill('undo the e2e change');
    await dialog.getByRole('button', { name: 'Roll back' }).click();
    await versions.getByText(`${before + 3} (current), rollback to ${before}`).waitFor();
    const rolledBack = await platform.call('GET', `/tenants/${tenantId}/configuration`);
    expect(rolledBack.body['version']).toBe(before + 3);
    expect((rolledBack.body['sources'] as Record<string, string>)['branding.primaryColor']).not.toBe('tenant');
    expect((rolledBack.body['overrides'] as Record<string, unknown>)['branding']).toBeUndefined();
    await screenshot(admin, 'configuration');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it('invites a user into the tenant and disables it after a confirmation naming it', async () => {
    await admin.getByRole('tab', { name: 'Users' }).click();
    expect(new URL(admin.url()).searchParams.get('section')).toBe('users');
    const form = admin.getByRole('form', { name: 'Invite a user' });
    const email = `ann+${tag}@console.example`;
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Role').selectOption('viewer');
    await form.getByRole('button', { name: 'Invite' }).click();
    await form.getByText(`${email} invited`).waitFor();
    const row = admin.getByTestId(`user-${email}`);
    await row.getByText('viewer').waitFor();
    const listed = await platform.call('GET', `/tenants/${tenantId}/users`);
    expect(listed.body['users']).toEqual(expect.arrayContaining([expect.objectContaining({ email, role: 'viewer', status: 'invited' })]));
    // The same e-mail again while its invitation is pending: renewed and sent again, said in words.
    await form.getByLabel('E-mail').fill(email);
    await form.getByRole('button', { name: 'Invite' }).click();
    await form.getByText(`${email}: the pending invitation was renewed and sent again`, { exact: false }).waitFor();
    expect(((await platform.call('GET', `/tenants/${tenantId}/users`)).body['users'] as { email: string }[]).filter((u) => u.email === email)).toHaveLength(1);
    await row.getByRole('button', { name: 'Disable' }).click();
    await admin.getByRole('dialog', { name: `Disable ${email}?` }).getByRole('button', { name: 'Disable' }).click();
    await row.getByText(/^disabled/).waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
  });

  it("imports users from a CSV file: a refused file at its field, one bad row fails the job with its row error, a fixed file invites them; read-only sees no upload", async () => {
    const emailsOf = async (): Promise<string[]> => ((await platform.call('GET', `/tenants/${tenantId}/users`)).body['users'] as { email: string }[]).map((u) => u.email);
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await admin.getByRole('heading', { name: tenantName }).waitFor();
    await admin.getByRole('link', { name: 'Import users' }).click();
    await admin.getByRole('heading', { name: `Import users into ${tenantName}` }).waitFor();
    const form = admin.getByRole('form', { name: 'Upload an import file' });
    const choose = (name: string, text: string) => form.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

    // The API refuses a file without an `email` column (400 malformed-import): said at the file input, no job started.
    await choose('no-email.csv', 'name\nBob\n');
    await form.getByRole('button', { name: 'Upload' }).click();
    await form.getByText('The CSV header line has no `email` column').waitFor();
    expect(new URL(admin.url()).searchParams.get('job')).toBeNull();

    // One bad row: the job fails as a whole, the row error is listed, and nobody is written (an import is all or nothing).
    const good = [`imp1+${tag}@console.example`, `imp2+${tag}@console.example`];
    await choose('users.csv', ['email,role,name', `${good[0]},member,Imp One`, 'not-an-email,member,Bad', `${good[1]},viewer,Imp Two`].join('\n'));
    await form.getByRole('button', { name: 'Upload' }).click();
    const job = admin.getByTestId('import-job');
    await job.getByTestId('status').getByText('failed').waitFor();
    await job.getByTestId('import-summary').getByText('3 rows read, 2 valid, 1 failed, 0 applied.').waitFor();
    const rowError = job.getByRole('table', { name: 'Row errors' }).getByRole('row').filter({ hasText: 'email must be an e-mail address' });
    await rowError.waitFor();
    expect(await rowError.innerText()).toMatch(/^2\s+email\s+email must be an e-mail address/);
    expect((await emailsOf()).filter((e) => good.includes(e))).toEqual([]);
    const failedId = new URL(admin.url()).searchParams.get('job');
    expect((await platform.call('GET', `/tenants/${tenantId}/imports/${failedId}`)).body).toMatchObject({ status: 'failed', rowsInvalid: 1, rowsImported: 0 });
    await screenshot(admin, 'import-row-error');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    // The bad row removed: both users are invited, as the API shows.
    await choose('users-fixed.csv', ['email,role,name', `${good[0]},member,Imp One`, `${good[1]},viewer,Imp Two`].join('\n'));
    await form.getByRole('button', { name: 'Upload' }).click();
    await admin.waitForURL((url) => url.searchParams.get('job') !== failedId);
    await job.getByTestId('status').getByText('succeeded').waitFor();
    await job.getByTestId('import-summary').getByText('2 rows read, 2 valid, 0 failed, 2 applied.').waitFor();
    const users = (await platform.call('GET', `/tenants/${tenantId}/users`)).body['users'] as { email: string; role: string; status: string }[];
    expect(users.filter((u) => good.includes(u.email)).map(({ email, role, status }) => ({ email, role, status })).sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: good[0], role: 'member', status: 'invited' },
      { email: good[1], role: 'viewer', status: 'invited' },
    ]);
    const recent = admin.getByRole('table', { name: 'Recent imports' });
    await recent.getByText('2 rows read, 2 valid, 0 failed, 2 applied.').waitFor();
    expect(await recent.getByRole('row').count()).toBeGreaterThanOrEqual(3);

    // A read-only key follows the imports but has no upload form and no cancel button.
    const issued = await platform.call('POST', '/api-keys', { body: { name: `console-imports-ro-${tag}`, role: 'read-only' } });
    const reader = await signedIn(issued.body['key'] as string);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}/imports?job=${failedId}`);
    await reader.getByRole('table', { name: 'Recent imports' }).waitFor();
    await reader.getByTestId('import-job').getByTestId('status').getByText('failed').waitFor();
    expect(await reader.getByRole('form', { name: 'Upload an import file' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Upload' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Cancel the import' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(reader)).toEqual([]);
    // The tests after this one go on from the tenant's page.
    await admin.goto(`${gatewayUrl}/console/tenants/${tenantId}`);
    await admin.getByRole('heading', { name: tenantName }).waitFor();
  });

  it('starts an impersonation (credential shown once, working), shows it active, and revokes it: the credential then fails', async () => {
    await admin.getByRole('tab', { name: 'Support access' }).click();
    const form = admin.getByRole('form', { name: 'Start an impersonation' });
    await form.getByLabel('Reason').fill(`Ticket ${tag}: invoices missing`);
    await form.getByLabel('Lifetime (minutes)').fill('10');
    await form.getByRole('button', { name: 'Start impersonation' }).click();
    const token = ((await admin.getByTestId('impersonation-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^imp_/);
    expect((await platform.call('GET', `/tenants/${tenantId}`, { key: token })).status).toBe(200);
    const table = admin.getByRole('table', { name: 'Impersonations' });
    const row = table.getByRole('row').filter({ hasText: `Ticket ${tag}` });
    await row.getByText('active', { exact: true }).waitFor();
    await row.getByText('read-only', { exact: true }).waitFor();
    await screenshot(admin, 'impersonation');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: 'Done' }).click();
    expect(await admin.getByText(token).count()).toBe(0);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await admin.getByRole('dialog', { name: `Revoke the impersonation of ${tenantName}?` }).getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('revoked', { exact: true }).waitFor();
    expect((await platform.call('GET', `/tenants/${tenantId}`, { key: token })).status).toBe(401);
  });

  it('runs a bulk job as a dry run (nothing changes), then for real with its progress and per-tenant result', async () => {
    await admin.getByRole('link', { name: 'Bulk operations' }).click();
    await admin.getByRole('heading', { name: 'Bulk operations' }).waitFor();
    const form = admin.getByRole('form', { name: 'New bulk job' });
    await form.getByText('A list of tenant ids').click();
    await form.getByRole('textbox', { name: 'Tenant ids' }).fill(tenantId);
    await form.getByLabel('Action').selectOption('patch-configuration');
    await form.getByLabel('Configuration merge patch (JSON)').fill('{"theme": ');
    await form.getByRole('button', { name: 'Dry run' }).click();
    await form.getByText('Not valid JSON').waitFor();
    await form.getByLabel('Configuration merge patch (JSON)').fill(JSON.stringify({ theme: `bulk-${tag}` }));
    const before = await configurationVersion();
    await form.getByRole('button', { name: 'Dry run' }).click();
    await form.getByText('Dry run: 1 tenant selected, 1 would change, 0 would fail. Nothing was changed.').waitFor();
    await form.getByRole('table', { name: 'Dry run' }).getByRole('link', { name: tenantId }).waitFor();
    expect(await configurationVersion()).toBe(before);
    await screenshot(admin, 'bulk-dry-run');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);

    await form.getByRole('button', { name: 'Start the job' }).click();
    await admin.getByRole('dialog', { name: 'Run patch-configuration on 1 tenant?' }).getByRole('button', { name: 'Start' }).click();
    const job = admin.getByTestId('bulk-job');
    await job.getByText('1 of 1 done: 1 succeeded, 0 failed, 0 cancelled, 0 pending.').waitFor({ timeout: 30_000 });
    expect(new URL(admin.url()).searchParams.get('job')).toMatch(/^[0-9a-f-]{36}$/);
    const after = await platform.call('GET', `/tenants/${tenantId}/configuration`);
    expect((after.body['configuration'] as Record<string, unknown>)['theme']).toBe(`bulk-${tag}`);
  });

  it('schedules a maintenance window for the tenant, lists it as coming, and cancels it after a confirmation', async () => {
    await admin.getByRole('link', { name: 'Maintenance' }).click();
    await admin.getByRole('heading', { name: 'Maintenance' }).waitFor();
    const form = admin.getByRole('form', { name: 'Schedule maintenance' });
    await form.getByLabel('Tenant id').fill(tenantId);
    await form.getByRole('textbox', { name: 'Starts' }).fill(localInput(2 * 86_400_000));
    await form.getByLabel('Lasts (minutes)').fill('30');
    await form.getByRole('button', { name: 'Schedule' }).click();
    // Without a reason the form says so at the field, and nothing is sent.
    await form.getByLabel('Reason').and(admin.locator('[aria-invalid="true"]')).waitFor();
    await form.getByLabel('Reason').fill(`upgrade ${tag}`);
    await form.getByRole('button', { name: 'Schedule' }).click();
    await form.getByText(/^Scheduled for tenant/).waitFor();
    const row = admin.getByRole('table', { name: 'Maintenance windows' }).getByRole('row').filter({ hasText: `upgrade ${tag}` });
    await row.getByText('scheduled', { exact: true }).waitFor();
    const listed = await platform.call('GET', '/maintenance');
    const window = (listed.body['items'] as { id: string; tenantId: string; reason: string; status: string }[]).find((w) => w.reason === `upgrade ${tag}`);
    expect(window).toMatchObject({ tenantId, status: 'scheduled' });
    await screenshot(admin, 'maintenance');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await row.getByRole('button', { name: 'Cancel' }).click();
    await admin.getByRole('dialog', { name: `Cancel the maintenance of tenant ${tenantId}?` }).getByRole('button', { name: 'Cancel the window' }).click();
    await row.waitFor({ state: 'detached' });
    const after = await platform.call('GET', '/maintenance');
    expect((after.body['items'] as { id: string }[]).some((w) => w.id === window?.id)).toBe(false);
  });

  it('creates a webhook endpoint for the tenant (the signing secret shown once) and disables it', async () => {
    await admin.getByRole('link', { name: 'Webhooks' }).click();
    await admin.getByRole('heading', { name: 'Webhooks' }).waitFor();
    const form = admin.getByRole('form', { name: 'New webhook endpoint' });
    const url = `http://127.0.0.1:9/hooks/${tag}`;
    await form.getByLabel('URL').fill(url);
    await form.getByLabel('Event types').fill('not an event');
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    await form.getByLabel('Event types').and(admin.locator('[aria-invalid="true"]')).waitFor();
    await form.getByLabel('Event types').fill('Tenant*, InvoiceIssued');
    await form.getByLabel(/^Tenant id/).fill(tenantId);
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    expect(((await admin.getByTestId('webhook-secret').textContent()) ?? '').trim()).toMatch(/^whsec_/);
    const row = admin.getByTestId(`endpoint-${url}`);
    await row.getByText('Tenant*, InvoiceIssued').waitFor();
    await screenshot(admin, 'webhook-created');
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await row.getByRole('button', { name: 'Disable' }).click();
    await admin.getByRole('dialog', { name: `Disable ${url}?` }).getByRole('button', { name: 'Disable' }).click();
    await row.getByText(/^disabled/).waitFor();
    const endpoints = await platform.call('GET', '/webhook-endpoints');
    expect((endpoints.body['endpoints'] as { url: string; tenantId: string; enabled: boolean }[]).find((e) => e.url === url)).toMatchObject({ tenantId, enabled: false });
  });

  it("reads the invitation in the mail log, and edits a template: a render error at its part, then saved and reset to the shipped one", async () => {
    await admin.getByRole('link', { name: 'Notifications' }).click();
    await admin.getByRole('heading', { name: 'Notifications' }).waitFor();
    await admin.getByLabel('Type').selectOption('user-invited');
    expect(new URL(admin.url()).searchParams.get('type')).toBe('user-invited');
    await waitFor(
      async () => {
        await admin.reload();
        return (await admin.getByRole('table', { name: 'Mail log' }).getByText(`ann+${tag}@console.example`).count()) > 0;
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the invitation in the mail log' },
    );
    // Templates are platform-wide: start from the shipped one whatever an earlier run left.
    expect((await platform.call('DELETE', '/notification-templates/admin-message?language=en')).status).toBe(200);
    await admin.getByRole('link', { name: 'Templates' }).click();
    await admin.getByLabel('Notification').selectOption('admin-message');
    const form = admin.getByRole('form', { name: 'Template' });
    await form.getByText('the shipped template').waitFor();
    await form.getByLabel('Subject').fill('{{#if}}broken');
    await form.getByRole('button', { name: 'Save template' }).click();
    await form.getByLabel('Subject').and(admin.locator('[aria-invalid="true"]')).waitFor();
    await form.getByLabel('Subject').fill(`Console ${tag}: {{subject}}`);
    await form.getByRole('button', { name: 'Save template' }).click();
    await form.getByText('Template saved: new mails of this type use it.').waitFor();
    await form.getByText(/overridden/).first().waitFor();
    expect(await seriousAccessibilityViolations(admin)).toEqual([]);
    await form.getByRole('button', { name: 'Reset to shipped' }).click();
    await admin.getByRole('dialog', { name: 'Reset the admin-message template (en)?' }).getByRole('button', { name: 'Reset' }).click();
    await form.getByText('The shipped template applies again.').waitFor();
    await form.getByRole('heading', { name: 'admin-message (en) — the shipped template' }).waitFor();
    const template = await platform.call('GET', '/notification-templates/admin-message?language=en');
    expect(template.body['overridden']).toBe(false);
  });

  it('shows a read-only key none of these mutating controls, and a tenant-admin key only its own tenant', async () => {
    const issued = await platform.call('POST', '/api-keys', { body: { name: `console-admin-ro-${tag}`, role: 'read-only' } });
    const reader = await signedIn(issued.body['key'] as string);
    expect(await reader.getByRole('link', { name: 'Bulk operations' }).count()).toBe(0);
    await reader.goto(`${gatewayUrl}/console/tenants/${tenantId}?section=configuration`);
    await reader.getByRole('table', { name: 'Configuration versions' }).waitFor();
    for (const name of ['Save configuration', 'Preview changes', /^Roll back/]) expect(await reader.getByRole('button', { name }).count()).toBe(0);
    await reader.getByRole('tab', { name: 'Users' }).click();
    await reader.getByRole('table', { name: 'Tenant users' }).waitFor();
    expect(await reader.getByRole('button', { name: 'Invite' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: 'Disable' }).count()).toBe(0);
    await reader.goto(`${gatewayUrl}/console/admin/maintenance`);
    await reader.getByRole('table', { name: 'Maintenance windows' }).waitFor();
    expect(await reader.getByRole('form', { name: 'Schedule maintenance' }).count()).toBe(0);

    const own = await signedIn(await platform.tenantAdminKey(tenantId));
    await own.getByRole('heading', { name: tenantName }).waitFor();
    expect(await own.getByRole('link', { name: 'Maintenance' }).count()).toBe(0);
    await own.getByRole('tab', { name: 'Support access' }).click();
    await own.getByRole('table', { name: 'Impersonations' }).waitFor();
    expect(await own.getByRole('form', { name: 'Start an impersonation' }).count()).toBe(0);
  });

  it('works on a narrow screen (390 px): the navigation folds away and the configuration still reads', async () => {
    const narrow = await signedIn(ADMIN_KEY, { width: 390, height: 844 });
    await narrow.goto(`${gatewayUrl}/console/tenants/${tenantId}?section=configuration`);
    await narrow.getByRole('heading', { name: tenantName }).waitFor();
    await narrow.getByRole('button', { name: 'Toggle navigation' }).click();
    await narrow.getByRole('link', { name: 'Maintenance' }).click();
    await narrow.getByRole('heading', { name: 'Maintenance' }).waitFor();
    await narrow.goto(`${gatewayUrl}/console/tenants/${tenantId}?section=configuration`);
    await narrow.getByRole('table', { name: 'Effective configuration' }).waitFor();
    // Nothing wider than the screen but the scrolling tables.
    const overflow = await narrow.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(narrow, 'configuration-narrow');
    expect(await seriousAccessibilityViolations(narrow)).toEqual([]);
  });
});
