// Notifications as a process, SIGKILLed while it sends a batch of 500 mails, then restarted: every
// mail arrives, each under one Message-ID; a mail can arrive twice only if the kill fell between the
// SMTP server's acceptance and the commit, and then with the same Message-ID (at most one: the
// sender sends one mail at a time). Every delivery row ends `delivered` with the Message-ID the
// server saw, and NotificationDelivered is published once per row.
import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tenantry/contracts';
import { databaseUrl, eventMessage, produce, readTopic, RunningService, startGroupAtEnd, startService, testKafka, TestSmtpServer, uniqueName, waitFor, waitUntilReady } from '@tenantry/testing';
import { Client } from 'pg';
import { CONSUMER_GROUPS } from '../src/service';
import { WEBHOOK_TOPICS } from '../src/webhooks/endpoints/event-type-patterns';
import { EMAIL_TOPICS } from './notifications-client';

jest.setTimeout(240_000);

const kafka = testKafka();
const MAILS = 500;
// Consumer groups of this spec's own, started at the end of the topics: the batch is the test's, not a backlog of every earlier
// suite's events (on a broker that has served the suite, working through those first outlasted the wait for the batch).
const GROUP_PREFIX = `${uniqueName('crash')}.`;

describe('email notifications killed mid-batch (int)', () => {
  let smtp: TestSmtpServer;
  let service: RunningService | undefined;
  const db = new Client({ connectionString: databaseUrl() });

  const start = async (): Promise<RunningService> => {
    const started = await startService('notifications', { SMTP_URL: smtp.url, NOTIFY_SEND_INTERVAL_MS: '50', NOTIFY_LEASE_SECONDS: '2', KAFKA_GROUP_PREFIX: GROUP_PREFIX });
    await waitUntilReady(started);
    return started;
  };

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    smtp.delayMs = 10;
    await smtp.start();
    await db.connect();
    await startGroupAtEnd(`${GROUP_PREFIX}${CONSUMER_GROUPS.email}`, EMAIL_TOPICS);
    await startGroupAtEnd(`${GROUP_PREFIX}${CONSUMER_GROUPS.webhooks}`, WEBHOOK_TOPICS);
  });

  afterAll(async () => {
    await service?.process.kill('SIGTERM');
    await smtp?.stop();
    await db.end();
  });

  it('delivers every mail after a SIGKILL, each under one Message-ID', async () => {
    const tenantId = randomUUID();
    const email = `crash-${tenantId.slice(0, 8)}@tenant.example`;
    service = await start();
    await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantCreated', {
      tenantId, slug: `t-${tenantId.slice(0, 8)}`, name: 'Crash Co', domain: { type: 'subdomain', value: `t-${tenantId.slice(0, 8)}`, ssl: true }, plan: { id: 'starter', trial: false },
      adminEmail: email, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 1, users: 1 }, createdAt: new Date().toISOString(),
    })]);
    // The admin's address comes from TenantCreated, on another topic than the invoices: a failure consumed first would find no one to mail.
    await waitFor(async () => ((await db.query(`SELECT 1 FROM notifications.tenant_directory WHERE tenant_id = $1 AND admin_email IS NOT NULL`, [tenantId])).rowCount ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 100,
      what: 'the tenant in the directory',
    });
    await produce(kafka, TOPICS.BILLING.name, Array.from({ length: MAILS }, (_, i) => eventMessage('InvoiceFailed', {
      tenantId, invoiceId: randomUUID(), amountMinor: 100 + i, currency: 'USD', attempt: 1, reason: 'card_declined',
    })));

    await waitFor(async () => (smtp.to(email).length >= 60 ? true : undefined), { timeoutMs: 90_000, intervalMs: 20, what: 'the batch to be under way' });
    await service.process.kill('SIGKILL');
    const atKill = smtp.to(email).length;
    expect(atKill).toBeLessThan(MAILS);
    service = await start();

    const rows = await waitFor(async () => {
      const { rows } = await db.query<{ status: string; message_id: string | null; id: string }>(`SELECT id, status, message_id FROM notifications.email_deliveries WHERE tenant_id = $1`, [tenantId]);
      return rows.length === MAILS && rows.every((r) => r.status === 'delivered') ? rows : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250, what: `${MAILS} deliveries recorded` });

    const received = smtp.to(email).map((m) => m.messageId);
    const distinct = new Set(received);
    expect(distinct.size).toBe(MAILS);
    expect(new Set(rows.map((r) => r.message_id))).toEqual(distinct);
    const duplicates = received.length - distinct.size;
    expect(duplicates).toBeLessThanOrEqual(1);

    const ids = new Set(rows.map((r) => r.id));
    const events = await readTopic(kafka, TOPICS.NOTIFICATIONS.name, (all) => all.filter((m) => ids.has(JSON.parse(m.value ?? '{}').notificationId)).length >= MAILS, { timeoutMs: 60_000, settleMs: 1_000 });
    const published = events.filter((m) => m.headers['ce_type'] === 'NotificationDelivered' && ids.has(JSON.parse(m.value ?? '{}').notificationId));
    // One event per delivery. The outbox relay is at-least-once: a kill between Kafka's ack and marking the row sent publishes that
    // row again on restart, under the same event id (consumers' inboxes drop it) — so count event ids, and deliveries named.
    expect(new Set(published.map((m) => m.headers['ce_id'])).size).toBe(MAILS);
    expect(new Set(published.map((m) => JSON.parse(m.value ?? '{}').notificationId)).size).toBe(MAILS);
    process.stdout.write(`killed after ${atKill} mails; ${received.length} received, ${distinct.size} distinct Message-IDs, ${duplicates} duplicate(s)\n`);
  });
});
