// The email half's client for notifications' internal API in integration tests (every call adds the
// gateway-signed token internal routes require), and the service it calls: in-process, with a
// schema and consumer groups of its own, on a real port, against the real broker and database.
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NotificationListDto, NotificationPreferencesDto, NotificationTemplateDto, UnsubscribeResultDto } from '@tenantry/notifications-api';
import { loadConfig } from '@tenantry/config';
import { createDataSource, quoteIdent } from '@tenantry/persistence';
import { createServiceApp } from '@tenantry/service';
import { databaseUrl, devSecretsEnv, internalAuthHeaders, KAFKA_BROKERS, startGroupAtEnd, uniqueName, waitFor } from '@tenantry/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { NotificationsConfig } from '../src/notifications.config';
import { CONSUMER_GROUPS } from '../src/service';
import { WEBHOOK_TOPICS } from '../src/webhooks/endpoints/event-type-patterns';
import { EMAIL_TOPICS } from './notifications-client';

export interface Answer<T = unknown> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface Problem {
  type: string;
  status: number;
  errors?: { field: string; message: string }[];
}

export class NotificationsClient {
  constructor(private readonly url: string) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...internalAuthHeaders({ audience: 'notifications' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
  }

  notifications(query: Record<string, string> = {}): Promise<Answer<NotificationListDto>> {
    return this.request('GET', `/internal/v1/notifications?${new URLSearchParams(query).toString()}`);
  }

  preferences(tenantId: string): Promise<Answer<NotificationPreferencesDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/notification-preferences`);
  }

  setPreferences(tenantId: string, body: unknown): Promise<Answer<NotificationPreferencesDto>> {
    return this.request('PUT', `/internal/v1/tenants/${tenantId}/notification-preferences`, body);
  }

  template(type: string, language?: string): Promise<Answer<NotificationTemplateDto>> {
    return this.request('GET', `/internal/v1/notification-templates/${type}${language ? `?language=${language}` : ''}`);
  }

  putTemplate(type: string, body: unknown): Promise<Answer<NotificationTemplateDto>> {
    return this.request('PUT', `/internal/v1/notification-templates/${type}`, body);
  }

  unsubscribe(token: string): Promise<Answer<UnsubscribeResultDto>> {
    return this.request('POST', `/internal/v1/unsubscribe?token=${encodeURIComponent(token)}`);
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

/** Notifications in-process on a free port, with its own schema and consumer groups, mailing to `smtpUrl`. */
export async function startNotifications(smtpUrl: string, env: Record<string, string> = {}): Promise<RunningNotifications> {
  const schema = uniqueName('notifications_it');
  const groupPrefix = `${schema}.`;
  // Only what the test produces from now on: on a broker that served other suites (or a bench),
  // reading every earlier event first would queue hundreds of their mails ahead of the test's.
  for (const topic of EMAIL_TOPICS) await startGroupAtEnd(`${groupPrefix}${CONSUMER_GROUPS.email}`, topic);
  for (const topic of WEBHOOK_TOPICS) await startGroupAtEnd(`${groupPrefix}${CONSUMER_GROUPS.webhooks}`, topic);
  const secrets = devSecretsEnv();
  const config = loadConfig(NotificationsConfig, {
    DATABASE_URL: databaseUrl(),
    KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    KAFKA_GROUP_PREFIX: groupPrefix,
    SMTP_URL: smtpUrl,
    NOTIFY_SEND_INTERVAL_MS: '100',
    NOTIFY_RETRY_BASE_MS: '100',
    INTERNAL_AUTH_VERIFY_KEYS: secrets['INTERNAL_AUTH_VERIFY_KEYS'] ?? '',
    INVITATION_KEY: secrets['INVITATION_KEY'] ?? '',
    NOTIFY_UNSUBSCRIBE_KEY: secrets['NOTIFY_UNSUBSCRIBE_KEY'] ?? '',
    NOTIFY_INTERNAL_SIGNING_KEY: secrets['NOTIFY_INTERNAL_SIGNING_KEY'] ?? '',
    SECRET_KEY: secrets['SECRET_KEY'] ?? '',
    ...env,
  });
  const app = await createServiceApp(AppModule.register(config, { schema }), { name: 'notifications', config });
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
