// The welcome mail end to end: a tenant created through the public gateway is provisioned by the real
// registry and provisioning, and notifications mails its first admin, over SMTP to a real server in
// the test, a link whose token the tenant's stored hash accepts — while the token is on no Kafka topic
// and in no service's log.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOPICS } from '@tenantry/contracts';
import { freshGroups, hrefs, inTenantDatabase, readTopic, RunningService, startGroupAtEnd, startService, tenantsDatabaseUrl, testKafka, TestSmtpServer, waitFor, waitUntilReady } from '@tenantry/testing';
import { PlatformClient, shortForm, suffix } from './support/platform-client';

jest.setTimeout(240_000);

const ADMIN_KEY = `e2e-admin-${randomBytes(16).toString('hex')}`;
const FILES = mkdtempSync(join(tmpdir(), 'tenantry-e2e-mail-'));
const TENANT_DATABASE_URL = tenantsDatabaseUrl();
const RUN = randomBytes(4).toString('hex');
const LIFECYCLE_GROUP = `e2e-mail-provisioning-${RUN}`;
/** Notifications' groups start at the topics' ends: the broker holds every event of the integration suites. */
const NOTIFY_PREFIX = `e2e-mail-${RUN}.`;
const NOTIFY_TOPICS = [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.METERING_ALERTS.name, TOPICS.BILLING.name];

describe('the welcome mail through the gateway', () => {
  const services: RunningService[] = [];
  const smtp = new TestSmtpServer();
  let gatewayUrl = '';
  const platform = new PlatformClient(() => gatewayUrl, ADMIN_KEY);

  beforeAll(async () => {
    await smtp.start();
    const registry = await startService('tenant-registry', freshGroups('e2e-notifications-registry'));
    await startGroupAtEnd(LIFECYCLE_GROUP, TOPICS.TENANT_LIFECYCLE.name);
    await startGroupAtEnd(`${NOTIFY_PREFIX}notifications.email`, NOTIFY_TOPICS);
    const provisioning = await startService('provisioning', { TENANT_STORAGE_ROOT: join(FILES, 'storage'), EXPORT_DIR: join(FILES, 'exports'), SAGA_RETRY_BASE_MS: '50', TENANT_DATABASE_URL, LIFECYCLE_CONSUMER_GROUP: LIFECYCLE_GROUP });
    const notifications = await startService('notifications', { SMTP_URL: smtp.url, KAFKA_GROUP_PREFIX: NOTIFY_PREFIX, NOTIFY_SEND_INTERVAL_MS: '100' });
    const gateway = await startService('gateway', { TENANTRY_BOOTSTRAP_ADMIN_KEY: ADMIN_KEY, REGISTRY_URL: registry.url, PROVISIONING_URL: provisioning.url, NOTIFICATIONS_URL: notifications.url });
    services.push(registry, provisioning, notifications, gateway);
    await Promise.all(services.map((service) => waitUntilReady(service)));
    gatewayUrl = gateway.url;
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    await smtp.stop();
  });

  it('mails the first admin a working invitation link, and the token is on no topic and in no log', async () => {
    const tag = suffix();
    const body = shortForm(tag);
    const tenantId = await platform.createTenant(tag);
    const [mail] = await waitFor(async () => (smtp.to(body.adminEmail).length > 0 ? smtp.to(body.adminEmail) : undefined), { timeoutMs: 90_000, intervalMs: 250, what: 'the welcome mail' });
    expect(mail?.subject).toBe(`Welcome to E2E ${tag}: accept your invitation`);
    const link = /https:\/\/\S+\/invitations\/accept\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    expect(hrefs(mail?.html ?? '')).toContain(link?.[0]);

    // Working: it is the token whose hash provisioning stored for the invited admin.
    await inTenantDatabase(tenantId, async (client, schema) => {
      const { rows } = await client.query<{ email: string; invitation_token_sha256: string; status: string }>(`SELECT email, status, invitation_token_sha256 FROM "${schema}".users WHERE role = 'admin'`);
      expect(rows).toEqual([{ email: body.adminEmail, status: 'invited', invitation_token_sha256: createHash('sha256').update(token).digest('hex') }]);
    });

    // Nowhere on Kafka (every topic it could have travelled on, from the beginning) nor in any log.
    for (const topic of [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.NOTIFICATIONS.name]) {
      const messages = await readTopic(testKafka(), topic, (all) => all.some((m) => m.value?.includes(tenantId) ?? false), { timeoutMs: 30_000, settleMs: 500 });
      expect(messages.filter((m) => `${m.value ?? ''}${JSON.stringify(m.headers)}`.includes(token))).toEqual([]);
    }
    for (const service of services) expect(service.process.output()).not.toContain(token);

    const adminKey = await platform.tenantAdminKey(tenantId);
    const log = await platform.call('GET', '/notifications?type=welcome', { key: adminKey });
    expect(log.status).toBe(200);
    expect(log.body['notifications']).toEqual([expect.objectContaining({ tenantId, type: 'welcome', recipient: body.adminEmail, status: 'delivered', messageId: mail?.messageId })]);
  });
});
