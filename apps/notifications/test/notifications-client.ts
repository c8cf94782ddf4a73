// The one client for notifications' internal API in integration tests, mail and webhooks (every HTTP
// call goes through `request`, which adds the gateway-signed token internal routes require, for a
// platform admin or a tenant admin), the notifications app it calls (in-process, with a schema and
// consumer groups of its own and, when the test gives one, a ManualClock, on a real port, against the
// real broker and database), and webhook receivers: real HTTP servers in the test process that record
// what arrives and answer what the test says.
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NotificationListDto, NotificationPreferencesDto, NotificationTemplateDto, UnsubscribeResultDto, WebhookDeliveryListDto, WebhookDeliveryViewDto, WebhookEndpointCreatedDto, WebhookEndpointListDto, WebhookEndpointViewDto, WebhookReplayResultDto, WebhookSecretRotatedDto } from '@tenantry/notifications-api';
import { loadConfig } from '@tenantry/config';
import { createDataSource, quoteIdent } from '@tenantry/persistence';
import { Clock, createServiceApp } from '@tenantry/service';
import { TOPICS } from '@tenantry/contracts';
import { databaseUrl, devSecretsEnv, internalAuthHeaders, KAFKA_BROKERS, startGroupAtEnd, uniqueName, waitFor } from '@tenantry/testing';
import { AppModule } from '../src/app.module';
import { NotificationsConfig } from '../src/notifications.config';
import { CONSUMER_GROUPS } from '../src/service';
import { WEBHOOK_TOPICS } from '../src/webhooks/endpoints/event-type-patterns';

/** The topics of the mail half's consumer group (EmailEventsConsumer.topics). */
export const EMAIL_TOPICS = [TOPICS.TENANT_LIFECYCLE.name, TOPICS.TENANT_PROVISIONING.name, TOPICS.METERING_ALERTS.name, TOPICS.BILLING.name, TOPICS.HEALTH.name, TOPICS.NOTIFICATIONS.name];

export interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface Problem {
  type: string;
  status: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Who calls: a platform admin (default) or the admin of one tenant. */
export type As = { role: 'platform-admin' } | { role: 'tenant-admin'; tenantId: string };
export const PLATFORM: As = { role: 'platform-admin' };
export const tenantAdmin = (tenantId: string): As => ({ role: 'tenant-admin', tenantId });

export class NotificationsClient {
  constructor(private readonly url: string) {}

  async request<T>(as: As, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...internalAuthHeaders({ audience: 'notifications', role: as.role, tenantId: as.role === 'tenant-admin' ? as.tenantId : null }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
  }

  createEndpoint(as: As, body: unknown): Promise<Answer<WebhookEndpointCreatedDto>> {
    return this.request(as, 'POST', '/internal/v1/webhook-endpoints', body);
  }

  endpoints(as: As): Promise<Answer<WebhookEndpointListDto>> {
    return this.request(as, 'GET', '/internal/v1/webhook-endpoints');
  }

  endpoint(as: As, id: string): Promise<Answer<WebhookEndpointViewDto>> {
    return this.request(as, 'GET', `/internal/v1/webhook-endpoints/${id}`);
  }

  updateEndpoint(as: As, id: string, body: unknown): Promise<Answer<WebhookEndpointViewDto>> {
    return this.request(as, 'PUT', `/internal/v1/webhook-endpoints/${id}`, body);
  }

  deleteEndpoint(as: As, id: string): Promise<Answer<undefined>> {
    return this.request(as, 'DELETE', `/internal/v1/webhook-endpoints/${id}`);
  }

  rotateSecret(as: As, id: string): Promise<Answer<WebhookSecretRotatedDto>> {
    return this.request(as, 'POST', `/internal/v1/webhook-endpoints/${id}/rotate-secret`);
  }

  deliveries(as: As, endpointId: string): Promise<Answer<WebhookDeliveryListDto>> {
    return this.request(as, 'GET', `/internal/v1/webhook-endpoints/${endpointId}/deliveries`);
  }

  redeliver(as: As, deliveryId: string): Promise<Answer<WebhookDeliveryViewDto>> {
    return this.request(as, 'POST', `/internal/v1/webhook-deliveries/${deliveryId}/redeliver`);
  }

  replay(as: As, endpointId: string, body: unknown): Promise<Answer<WebhookReplayResultDto>> {
    return this.request(as, 'POST', `/internal/v1/webhook-endpoints/${endpointId}/replay`, body);
  }

  sendTest(as: As, endpointId: string): Promise<Answer<WebhookDeliveryViewDto>> {
    return this.request(as, 'POST', `/internal/v1/webhook-endpoints/${endpointId}/test`);
  }

  notifications(query: Record<string, string> = {}): Promise<Answer<NotificationListDto>> {
    return this.request(PLATFORM, 'GET', `/internal/v1/notifications?${new URLSearchParams(query).toString()}`);
  }

  preferences(tenantId: string): Promise<Answer<NotificationPreferencesDto>> {
    return this.request(PLATFORM, 'GET', `/internal/v1/tenants/${tenantId}/notification-preferences`);
  }

  setPreferences(tenantId: string, body: unknown): Promise<Answer<NotificationPreferencesDto>> {
    return this.request(PLATFORM, 'PUT', `/internal/v1/tenants/${tenantId}/notification-preferences`, body);
  }

  template(type: string, language?: string): Promise<Answer<NotificationTemplateDto>> {
    return this.request(PLATFORM, 'GET', `/internal/v1/notification-templates/${type}${language ? `?language=${language}` : ''}`);
  }

  putTemplate(type: string, body: unknown): Promise<Answer<NotificationTemplateDto>> {
    return this.request(PLATFORM, 'PUT', `/internal/v1/notification-templates/${type}`, body);
  }

  unsubscribe(token: string): Promise<Answer<UnsubscribeResultDto>> {
    return this.request(PLATFORM, 'POST', `/internal/v1/unsubscribe?token=${encodeURIComponent(token)}`);
  }
}

export interface RunningNotifications {
  api: NotificationsClient;
  app: NestFastifyApplication;
  dataSource: DataSource;
  schema: string;
  groupPrefix: string;
  stop(): Promise<void>;
}

export interface StartNotificationsOptions {
  /** The app's clock: a ManualClock the test moves (default: the system clock). */
  clock?: Clock;
  /** Config over the test defaults (mail to `SMTP_URL`, webhooks to 127.0.0.1, both halves polling every 100 ms). */
  env?: Record<string, string>;
}

/** Notifications in-process on a free port, with its own schema and consumer groups (started at the end of every topic it reads). */
export async function startNotifications(options: StartNotificationsOptions = {}): Promise<RunningNotifications> {
  const schema = uniqueName('notifications_it');
  const groupPrefix = `${schema}.`;
  // Only what the test produces from now on: on a broker that served other suites (or a bench),
  // reading every earlier event first would queue hundreds of their mails and webhooks ahead of the test's.
  await startGroupAtEnd(`${groupPrefix}${CONSUMER_GROUPS.email}`, EMAIL_TOPICS);
  await startGroupAtEnd(`${groupPrefix}${CONSUMER_GROUPS.webhooks}`, WEBHOOK_TOPICS);
  const secrets = devSecretsEnv();
  const config = loadConfig(NotificationsConfig, {
    DATABASE_URL: databaseUrl(),
    KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    KAFKA_GROUP_PREFIX: groupPrefix,
    INTERNAL_AUTH_VERIFY_KEYS: secrets['INTERNAL_AUTH_VERIFY_KEYS'] ?? '',
    SECRET_KEY: secrets['SECRET_KEY'] ?? '',
    INVITATION_KEY: secrets['INVITATION_KEY'] ?? '',
    NOTIFY_UNSUBSCRIBE_KEY: secrets['NOTIFY_UNSUBSCRIBE_KEY'] ?? '',
    NOTIFY_INTERNAL_SIGNING_KEY: secrets['NOTIFY_INTERNAL_SIGNING_KEY'] ?? '',
    NOTIFY_SEND_INTERVAL_MS: '100',
    NOTIFY_RETRY_BASE_MS: '100',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_DELIVERY_INTERVAL_MS: '100',
    WEBHOOK_TIMEOUT_MS: '2000',
    ...options.env,
  });
  const app = await createServiceApp(AppModule.register(config, { clock: options.clock, schema }), { name: 'notifications', config });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  await waitFor(
    async () => ((await fetch(`${url}/health/ready`)).status === 200 ? true : undefined),
    { timeoutMs: 60_000, intervalMs: 250, what: 'notifications to report ready' },
  );
  return {
    api: new NotificationsClient(url),
    app,
    dataSource: app.get(DataSource),
    schema,
    groupPrefix,
    async stop() {
      await app.close();
      const admin = createDataSource({ url: databaseUrl(), schema: 'public', applicationName: `test:${schema}:drop`, poolSize: 1 });
      await admin.initialize();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await admin.destroy();
      }
    },
  };
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A webhook receiver on 127.0.0.1: records every request and answers `answer()`'s status (200 unless told). */
export class Receiver {
  readonly received: ReceivedWebhook[] = [];
  answer: () => number = () => 200;
  private server?: Server;

  get url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}/hook`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = this.answer();
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `unavailable ${'x'.repeat(3000)}`);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The requests carrying the event `eventId` (by the CloudEvents id in the body). */
  of(eventId: string): ReceivedWebhook[] {
    return this.received.filter((r) => (JSON.parse(r.body) as { id: string }).id === eventId);
  }

  async waitFor(count: (received: ReceivedWebhook[]) => boolean, what: string): Promise<void> {
    await waitFor(() => (count(this.received) ? true : undefined), { timeoutMs: 30_000, intervalMs: 50, what });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
