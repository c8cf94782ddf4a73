// Tenant users and impersonation end to end through the public gateway, with the real registry,
// provisioning (the users live in each tenant's own database), notifications (invitation and
// impersonation mails over SMTP to a real server in the test), Kafka and Postgres. The gateway runs
// on a test clock file, so an impersonation's expiry is shown by moving its time.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, inTenantDatabase, RunningService, startGroupAtEnd, startService, tenantsDatabaseUrl, TestSmtpServer, waitFor, waitUntilReady } from '@tenantry/testing';
import { Call, PlatformClient, shortForm, suffix } from './support/platform-client';

jest.setTimeout(300_000);

const ADMIN_KEY = `e2e-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-e2e-users-'));
const CLOCK_FILE = join(FILES, 'clock.json');
const TENANT_DATABASE_URL = tenantsDatabaseUrl();
const RUN = randomBytes(4).toString('hex');
const LIFECYCLE_GROUP = `e2e-users-provisioning-${RUN}`;
const NOTIFY_PREFIX = `e2e-users-${RUN}.`;
const NOTIFY_TOPICS = [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.METERING_ALERTS.name, TOPICS.BILLING.name, TOPICS.HEALTH.name, TOPICS.GATEWAY_OPERATIONS.name];

function moveGatewayClock(offsetMs: number): void {
  writeFileSync(CLOCK_FILE, JSON.stringify({ offsetMs }));
}

function expectProblem(call: Call, status: number, type: string): void {
  expect({ status: call.status, type: call.body['type'], contentType: call.headers.get('content-type') }).toEqual({
    status,
    type: `https://tenantry.dev/problems/${type}`,
    contentType: expect.stringContaining('application/problem+json'),
  });
}

describe('tenant users and impersonation through the gateway', () => {
  const services: RunningService[] = [];
  const smtp = new TestSmtpServer();
  let gatewayUrl = '';
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);
  let tenantA = '';
  let tenantB = '';
  let adminA = '';
  let adminB = '';
  let support = '';
  let readOnly = '';
  let supportKeyId = '';

  async function provisioned(tenantId: string): Promise<void> {
    let lastStatus: string | undefined;
    await waitFor(async () => (['active', 'trial'].includes((lastStatus = await platform.statusOf(tenantId)) ?? '') ? true : undefined), { timeoutMs: 120_000, intervalMs: 500, what: `tenant ${tenantId} provisioned` }).catch((error: Error) => {
      throw new Error(`${error.message}; status ${lastStatus}; the services said:\n${services.map((service) => service.process.output().slice(-1_500)).join('\n')}`);
    });
  }

  async function key(role: string): Promise<{ key: string; id: string }> {
    const issued = await platform.call('POST', '/api-keys', { body: { name: `e2e-${role}-${suffix()}`, role } });
    if (issued.status !== 201) throw new Error(`key failed: ${issued.status} ${JSON.stringify(issued.body)}`);
    return { key: issued.body['key'] as string, id: issued.body['id'] as string };
  }

  beforeAll(async () => {
    moveGatewayClock(0);
    await smtp.start();
    const registry = await startService('tenant-registry', freshGroups('e2e-tenant-users-registry'));
    await startGroupAtEnd(LIFECYCLE_GROUP, TOPICS.TENANT_LIFECYCLE.name);
    await startGroupAtEnd(`${NOTIFY_PREFIX}notifications.email`, NOTIFY_TOPICS);
    const provisioning = await startService('provisioning', { TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), SAGA_RETRY_BASE_MS: '50', TENANT_DATABASE_URL, LIFECYCLE_CONSUMER_GROUP: LIFECYCLE_GROUP });
    const notifications = await startService('notifications', { SMTP_URL: smtp.url, KAFKA_GROUP_PREFIX: NOTIFY_PREFIX, NOTIFY_SEND_INTERVAL_MS: '100' });
    const gateway = await startService('gateway', {
      TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
      TENANTRY_TEST_CLOCK_FILE: CLOCK_FILE,
      REGISTRY_URL: registry.url,
      PROVISIONING_URL: provisioning.url,
      NOTIFICATIONS_URL: notifications.url,
    });
    services.push(registry, provisioning, notifications, gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    gatewayUrl = gateway.url;
    [tenantA, tenantB] = await Promise.all([platform.createTenant(), platform.createTenant()]);
    await Promise.all([provisioned(tenantA), provisioned(tenantB)]);
    [adminA, adminB] = await Promise.all([platform.tenantAdminKey(tenantA), platform.tenantAdminKey(tenantB)]);
    const supportKey = await key('support');
    support = supportKey.key;
    supportKeyId = supportKey.id;
    readOnly = (await key('read-only')).key;
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await smtp.stop();
  });

  describe('tenant users', () => {
    it("invites a user into the tenant's own database, mails a working link, and records sign-ins", async () => {
      const email = `ann+${suffix()}@e2e.example`;
      const invited = await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email, role: 'member' } });
      expect(invited.status).toBe(201);
      expect(invited.body).toMatchObject({ email, role: 'member', status: 'invited', lastLoginAt: null });
      const userId = invited.body['id'] as string;

      const listed = await platform.call('GET', `/tenants/${tenantA}/users`, { key: readOnly });
      expect(listed.status).toBe(200);
      expect(listed.body['users']).toEqual(expect.arrayContaining([expect.objectContaining({ id: userId, email, role: 'member', status: 'invited' }), expect.objectContaining({ role: 'admin' })]));

      // The invitation mail: the link's token is the one whose hash the tenant's database keeps.
      const [mail] = await waitFor(async () => (smtp.to(email).length > 0 ? smtp.to(email) : undefined), { timeoutMs: 60_000, intervalMs: 250, what: 'the invitation mail' });
      const token = /invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1] ?? '';
      expect(token).not.toBe('');
      const stored = await inTenantDatabase(tenantA, async (client, schema) => (await client.query<{ h: string }>(`SELECT invitation_token_sha256 AS h FROM "${schema}".users WHERE id = $1`, [userId])).rows[0]?.h);
      expect(stored).toBe(createHash('sha256').update(token).digest('hex'));
      for (const service of services) expect(service.process.output()).not.toContain(token);

      // A sign-in sets last_login_at (what metering's active_users collector counts) and activates the user.
      const login = await platform.call('POST', `/tenants/${tenantA}/users/${userId}/logins`, { key: adminA });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ id: userId, status: 'active', lastLoginAt: expect.any(String) });
      const one = await platform.call('GET', `/tenants/${tenantA}/users/${userId}`, { key: support });
      expect(one.body).toMatchObject({ status: 'active', lastLoginAt: login.body['lastLoginAt'] });

      // Disabled: kept, refused at sign-in.
      const disabled = await platform.call('DELETE', `/tenants/${tenantA}/users/${userId}`, { key: adminA });
      expect(disabled.status).toBe(200);
      expect(disabled.body).toMatchObject({ id: userId, status: 'disabled' });
      expectProblem(await platform.call('POST', `/tenants/${tenantA}/users/${userId}/logins`, { key: adminA }), 409, 'user-disabled');
    });

    it('renews a pending invitation when the user is invited again (a retry after a lost answer), and refuses an active user', async () => {
      const email = `dee+${suffix()}@e2e.example`;
      const first = await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email } });
      expect(first.status).toBe(201);
      const tokenOf = (text: string) => /invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(text)?.[1] ?? '';
      const [firstMail] = await waitFor(async () => (smtp.to(email).length > 0 ? smtp.to(email) : undefined), { timeoutMs: 60_000, intervalMs: 250, what: 'the first invitation mail' });
      const again = await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email, role: 'admin' } });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: first.body['id'], email, role: 'admin', status: 'invited' });
      const mails = await waitFor(async () => (smtp.to(email).length > 1 ? smtp.to(email) : undefined), { timeoutMs: 60_000, intervalMs: 250, what: 'the renewed invitation mail' });
      const renewedToken = tokenOf(mails[1]?.text ?? '');
      const stored = await inTenantDatabase(tenantA, async (client, schema) => (await client.query<{ h: string }>(`SELECT invitation_token_sha256 AS h FROM "${schema}".users WHERE email = $1`, [email])).rows);
      expect(stored).toEqual([{ h: createHash('sha256').update(renewedToken).digest('hex') }]);

      await platform.call('POST', `/tenants/${tenantA}/users/${first.body['id'] as string}/logins`, { key: adminA });
      expectProblem(await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email } }), 409, 'user-exists');
      // The first link no longer matches what the tenant's database keeps.
      expect(tokenOf(firstMail?.text ?? '')).not.toBe(renewedToken);
    });

    it('refuses an invitation over the hard users limit with a problem naming the limit, and stores nothing', async () => {
      // The first admin is one user; a hard limit of 2 leaves one seat.
      const limits = await platform.call('PUT', `/tenants/${tenantB}/limits`, { body: { storage: { limit: 10 }, users: { limit: 2, mode: 'hard' }, bandwidth: { limit: 100 } } });
      expect(limits.status).toBe(200);
      const first = await platform.call('POST', `/tenants/${tenantB}/users`, { key: adminB, body: { email: `bo+${suffix()}@e2e.example` } });
      expect(first.status).toBe(201);
      const over = `cy+${suffix()}@e2e.example`;
      const refused = await platform.call('POST', `/tenants/${tenantB}/users`, { key: adminB, body: { email: over } });
      expectProblem(refused, 409, 'users-limit-reached');
      expect(refused.body).toMatchObject({ limit: 'users', max: 2, current: 2 });
      const users = (await platform.call('GET', `/tenants/${tenantB}/users`, { key: adminB })).body['users'] as { email: string }[];
      expect(users.map((u) => u.email)).not.toContain(over);

      // A disabled user frees its seat.
      await platform.call('DELETE', `/tenants/${tenantB}/users/${first.body['id'] as string}`, { key: adminB });
      expect((await platform.call('POST', `/tenants/${tenantB}/users`, { key: adminB, body: { email: over } })).status).toBe(201);
    });

    it('refuses bad input naming the field, and roles that may not write', async () => {
      const bad = await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email: 'not-an-address', role: 'owner' } });
      expectProblem(bad, 400, 'validation-failed');
      expect((bad.body['errors'] as { field: string }[]).map((e) => e.field).sort()).toEqual(['email', 'role']);
      expectProblem(await platform.call('POST', `/tenants/${tenantA}/users`, { key: support, body: { email: `x+${suffix()}@e2e.example` } }), 403, 'forbidden');
      expectProblem(await platform.call('POST', `/tenants/${tenantA}/users`, { key: readOnly, body: { email: `x+${suffix()}@e2e.example` } }), 403, 'forbidden');
    });

    it("keeps tenants apart: another tenant's admin gets 404, and a user's row is in its tenant's database only", async () => {
      const email = `iso+${suffix()}@e2e.example`;
      const invited = await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminA, body: { email } });
      expect(invited.status).toBe(201);
      expectProblem(await platform.call('GET', `/tenants/${tenantA}/users`, { key: adminB }), 404, 'tenant-not-found');
      expectProblem(await platform.call('GET', `/tenants/${tenantA}/users/${invited.body['id'] as string}`, { key: adminB }), 404, 'tenant-not-found');
      expectProblem(await platform.call('POST', `/tenants/${tenantA}/users`, { key: adminB, body: { email: `y+${suffix()}@e2e.example` } }), 404, 'tenant-not-found');
      const count = (tenantId: string) => inTenantDatabase(tenantId, async (client, schema) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".users WHERE email = $1`, [email])).rows[0]?.n));
      expect(await count(tenantA)).toBe(1);
      expect(await count(tenantB)).toBe(0);
    });
  });

  describe('impersonation', () => {
    async function impersonate(tenantId: string, body: Record<string, unknown>, actor = support): Promise<Call> {
      return platform.call('POST', `/tenants/${tenantId}/impersonations`, { key: actor, body });
    }

    it('gives support a read-only credential acting as the tenant admin, audited with both identities and told to the admins', async () => {
      const started = await impersonate(tenantA, { reason: 'Ticket #4711' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ tenantId: tenantA, actorKeyId: supportKeyId, actorRole: 'support', write: false, reason: 'Ticket #4711', token: expect.stringMatching(/^imp_/) });
      expect(Date.parse(started.body['expiresAt'] as string) - Date.parse(started.body['createdAt'] as string)).toBe(15 * 60_000);
      const credential = started.body['token'] as string;
      const impersonationId = started.body['id'] as string;

      // Reads as the tenant's admin; its own tenant only.
      const read = await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential });
      expect(read.status).toBe(200);
      expectProblem(await platform.call('GET', `/tenants/${tenantB}/users`, { key: credential }), 404, 'tenant-not-found');
      // Read-only: every write is 403, and nothing is invited.
      const email = `imp+${suffix()}@e2e.example`;
      const write = await platform.call('POST', `/tenants/${tenantA}/users`, { key: credential, body: { email } });
      expectProblem(write, 403, 'forbidden');
      expect(write.body['reason']).toBe('impersonation-read-only');
      // No chaining, no keys.
      const chained = await impersonate(tenantA, { reason: 'again' }, credential);
      expectProblem(chained, 403, 'forbidden');
      expectProblem(await platform.call('POST', '/api-keys', { key: credential, body: { name: 'x', role: 'tenant-admin', tenantId: tenantA } }), 403, 'forbidden');

      // The tenant's own audit trail, as its admin reads it: the impersonated calls with both identities.
      const trail = await waitFor(
        async () => {
          const page = await platform.call('GET', `/tenants/${tenantA}/audit?limit=100`, { key: adminA });
          const items = (page.body['items'] as { act: { impersonationId: string } | null }[] | undefined) ?? [];
          const mine = items.filter((item) => item.act?.impersonationId === impersonationId);
          return mine.length >= 3 ? mine : undefined;
        },
        { timeoutMs: 15_000, intervalMs: 250, what: 'the impersonated calls in the audit trail' },
      );
      expect(trail).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ method: 'GET', path: `/api/v1/platform/tenants/${tenantA}/users`, status: 200, role: 'tenant-admin', apiKeyId: supportKeyId, tenantId: tenantA, act: { impersonationId, actorKeyId: supportKeyId, actorRole: 'support' } }),
          expect.objectContaining({ method: 'POST', path: `/api/v1/platform/tenants/${tenantA}/users`, status: 403, act: { impersonationId, actorKeyId: supportKeyId, actorRole: 'support' } }),
        ]),
      );
      expect(((await platform.call('GET', `/tenants/${tenantA}/users`, { key: adminA })).body['users'] as { email: string }[]).map((u) => u.email)).not.toContain(email);

      // The tenant's admin was told, by mail.
      const adminEmail = shortFormAdminOf(await platform.call('GET', `/tenants/${tenantA}`));
      const mails = await waitFor(async () => {
        const found = smtp.to(adminEmail).filter((m) => m.text.includes(impersonationId));
        return found.length > 0 ? found : undefined;
      }, { timeoutMs: 60_000, intervalMs: 250, what: 'the impersonation mail' });
      expect(mails[0]?.subject).toContain('support access started (read-only)');
      expect(mails[0]?.text).toContain('Ticket #4711');
    });

    it('gives write access to a platform admin only, and that write lands with both identities on the invited user', async () => {
      const refused = await impersonate(tenantA, { reason: 'fix data', write: true });
      expectProblem(refused, 403, 'forbidden');
      const started = await impersonate(tenantA, { reason: 'fix data', write: true, ttlMinutes: 5 }, ADMIN_KEY);
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ write: true, actorRole: 'platform-admin' });
      const invited = await platform.call('POST', `/tenants/${tenantA}/users`, { key: started.body['token'] as string, body: { email: `w+${suffix()}@e2e.example` } });
      expect(invited.status).toBe(201);
      // The tenant's own database records who acted: the impersonation and, as `act`, the platform admin's key.
      const actor = await inTenantDatabase(tenantA, async (client, schema) =>
        (await client.query<{ actor: string }>(`SELECT actor FROM "${schema}".audit_log WHERE action = 'user.invited' AND detail->>'userId' = $1`, [invited.body['id'] as string])).rows[0]?.actor,
      );
      expect(actor).toMatch(new RegExp(`^impersonation:${started.body['id'] as string} act key:[0-9a-f-]{36}$`));
    });

    it('refuses bad input naming the field', async () => {
      const noReason = await impersonate(tenantA, { ttlMinutes: 61 });
      expectProblem(noReason, 400, 'validation-failed');
      expect([...new Set((noReason.body['errors'] as { field: string }[]).map((e) => e.field))].sort()).toEqual(['reason', 'ttlMinutes']);
      expectProblem(await impersonate(tenantA, { reason: 'x' }, readOnly), 403, 'forbidden');
      expectProblem(await impersonate(tenantA, { reason: 'x' }, adminA), 403, 'forbidden');
    });

    it('is revoked at once', async () => {
      const started = await impersonate(tenantA, { reason: 'short look' });
      const credential = started.body['token'] as string;
      expect((await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential })).status).toBe(200);
      const revoked = await platform.call('DELETE', `/impersonations/${started.body['id'] as string}`, { key: support });
      expect(revoked.status).toBe(200);
      expect(revoked.body['revokedAt']).toEqual(expect.any(String));
      const after = await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential });
      expectProblem(after, 401, 'unauthenticated');
      expect(after.body['reason']).toBe('impersonation-revoked');
    });

    it("expires by the gateway's clock", async () => {
      const started = await impersonate(tenantA, { reason: 'one minute', ttlMinutes: 1 });
      const credential = started.body['token'] as string;
      expect((await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential })).status).toBe(200);
      moveGatewayClock(2 * 60_000);
      try {
        await waitFor(async () => ((await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential })).status === 401 ? true : undefined), { timeoutMs: 5_000, intervalMs: 150, what: 'the expiry' });
        const expired = await platform.call('GET', `/tenants/${tenantA}/users`, { key: credential });
        expect(expired.body['reason']).toBe('impersonation-expired');
      } finally {
        moveGatewayClock(0);
      }
    });

    it('is refused for a suspended tenant, naming the state', async () => {
      const tenantC = await platform.createTenant();
      await provisioned(tenantC);
      expect((await platform.call('POST', `/tenants/${tenantC}/suspend`, { body: { reason: 'e2e' } })).status).toBe(200);
      const refused = await impersonate(tenantC, { reason: 'look' });
      expectProblem(refused, 409, 'tenant-not-impersonable');
      expect(refused.body['state']).toBe('suspended');
      expect((await platform.call('GET', `/tenants/${tenantC}/impersonations`, { key: support })).body['items']).toEqual([]);
    });
  });
});

function shortFormAdminOf(tenant: Call): string {
  const email = (tenant.body['adminEmail'] ?? (tenant.body['configuration'] as Record<string, unknown> | undefined)?.['adminEmail']) as string | undefined;
  if (email) return email.toLowerCase();
  const name = String(tenant.body['name'] ?? '');
  return shortForm(name.replace(/^E2E /, '')).adminEmail;
}
