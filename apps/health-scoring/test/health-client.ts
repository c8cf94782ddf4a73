// The one client for health scoring's internal API in integration tests (every call goes through
// `request`, which adds the gateway-signed token internal routes require), and the app it calls:
// in-process, with a ManualClock, a schema and consumer groups of its own, on a real port, against
// the real broker and database.
import { DataSource } from 'typeorm';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FeedbackViewDto, HealthHistoryDto, TenantHealthViewDto } from '@tenantry/health-api';
import { loadConfig } from '@tenantry/config';
import { createDataSource, quoteIdent } from '@tenantry/persistence';
import { createServiceApp, MessagingHost } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { TOPICS } from '@tenantry/contracts';
import { databaseUrl, devSecretsEnv, internalAuthHeaders, KAFKA_BROKERS, startGroupAt, topicEnds, TopicOffset, uniqueName, waitFor } from '@tenantry/testing';
import { AppModule } from '../src/app.module';
import { HealthScoringConfig } from '../src/health-scoring.config';
import { JOURNEY_CONSUMER_GROUPS } from '../src/journeys/journeys.groups';
import { ANALYTICS_CONSUMER_GROUPS, CONSUMER_GROUPS } from '../src/service';

/** The lifecycle journeys' groups and the topics each reads. */
const JOURNEY_GROUP_TOPICS: [string, string][] = [
  [JOURNEY_CONSUMER_GROUPS.lifecycle, TOPICS.TENANT_LIFECYCLE.name],
  [JOURNEY_CONSUMER_GROUPS.lifecycle, TOPICS.TENANT_PROVISIONING.name],
  [JOURNEY_CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name],
  [JOURNEY_CONSUMER_GROUPS.billing, TOPICS.BILLING.name],
  [JOURNEY_CONSUMER_GROUPS.health, TOPICS.HEALTH.name],
];

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

export class HealthClient {
  constructor(private readonly url: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...internalAuthHeaders({ audience: 'health-scoring' }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: (text ? JSON.parse(text) : undefined) as T };
  }

  health(tenantId: string): Promise<Answer<TenantHealthViewDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/health`);
  }

  history(tenantId: string, limit?: number): Promise<Answer<HealthHistoryDto>> {
    return this.request('GET', `/internal/v1/tenants/${tenantId}/health/history${limit === undefined ? '' : `?limit=${limit}`}`);
  }

  feedback(tenantId: string, body: unknown): Promise<Answer<FeedbackViewDto>> {
    return this.request('POST', `/internal/v1/tenants/${tenantId}/feedback`, body);
  }

  /** Waits until the tenant's health satisfies `ready`. */
  async awaitHealth(tenantId: string, ready: (health: TenantHealthViewDto) => boolean, what = 'its health'): Promise<TenantHealthViewDto> {
    let last: unknown;
    return waitFor(
      async () => {
        const answer = await this.health(tenantId);
        last = answer.body;
        return answer.status === 200 && ready(answer.body) ? answer.body : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 150, what: `${what} of ${tenantId} (last: ${JSON.stringify(last)})` },
    );
  }
}

export interface RunningHealth {
  api: HealthClient;
  clock: ManualClock;
  app: NestFastifyApplication;
  groupPrefix: string;
  /** Where its consumer groups started: everything produced to their topics since then is theirs. */
  startOffsets: TopicOffset[];
  dataSource: DataSource;
  stop(): Promise<void>;
}

/**
 * Health scoring in-process on a free port, with its own clock, schema and consumer groups. The
 * groups start at the end of their topics, committed before the service starts, so it sees only
 * what the test produces from then on, whatever earlier runs left on the broker (reading that
 * first can outlast a test's wait). `startAt`: start them there instead — another instance's
 * `startOffsets`, to replay everything that instance has seen.
 */
export async function startHealthScoring(start: Date, env: Record<string, string> = {}, options: { startAt?: readonly TopicOffset[] } = {}): Promise<RunningHealth> {
  const clock = new ManualClock(start);
  const schema = uniqueName('health_it');
  const groupPrefix = `${schema}.`;
  const topicsOf = new Map<string, string[]>();
  const add = (group: string, topic: string) => topicsOf.set(groupPrefix + group, [...(topicsOf.get(groupPrefix + group) ?? []), topic]);
  add(CONSUMER_GROUPS.lifecycle, TOPICS.TENANT_LIFECYCLE.name);
  add(CONSUMER_GROUPS.alerts, TOPICS.METERING_ALERTS.name);
  add(CONSUMER_GROUPS.billing, TOPICS.BILLING.name);
  add(CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name);
  for (const [group, topic] of JOURNEY_GROUP_TOPICS) add(group, topic);
  add(ANALYTICS_CONSUMER_GROUPS.lifecycle, TOPICS.TENANT_LIFECYCLE.name);
  add(ANALYTICS_CONSUMER_GROUPS.alerts, TOPICS.METERING_ALERTS.name);
  add(ANALYTICS_CONSUMER_GROUPS.billing, TOPICS.BILLING.name);
  add(ANALYTICS_CONSUMER_GROUPS.usage, TOPICS.METERING_USAGE.name);
  const startOffsets = options.startAt ? [...options.startAt] : await topicEnds([...new Set([...topicsOf.values()].flat())]);
  // Distinct groups, so at once; each group's topics in one join.
  await Promise.all(
    [...topicsOf].map(([group, topics]) => {
      const offsets = startOffsets.filter(({ topic }) => topics.includes(topic));
      if (new Set(offsets.map(({ topic }) => topic)).size !== topics.length) throw new Error(`no start offsets for every topic of ${group} (${topics.join(', ')})`);
      return startGroupAt(group, offsets);
    }),
  );
  const config = loadConfig(HealthScoringConfig, {
    DATABASE_URL: databaseUrl(),
    KAFKA_BROKERS,
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '100',
    KAFKA_GROUP_PREFIX: groupPrefix,
    INTERNAL_AUTH_VERIFY_KEYS: devSecretsEnv()['INTERNAL_AUTH_VERIFY_KEYS'] ?? '',
    ...env,
  });
  const app = await createServiceApp(AppModule.register(config, { clock, schema }), { name: 'health-scoring', config });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  await waitFor(
    async () => {
      const response = await fetch(`${url}/health/ready`);
      return response.status === 200 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: 'health scoring to report ready' },
  );
  // A consumer group missing from the list above would have read its topics from the start.
  const unplaced = app.get(MessagingHost).consumerHealth().map(({ group }) => group).filter((group) => !topicsOf.has(group));
  if (unplaced.length > 0) {
    await app.close();
    throw new Error(`startHealthScoring sets no start offsets for consumer group(s) ${unplaced.join(', ')}: add them to its list`);
  }
  const dataSource = app.get(DataSource);
  return {
    api: new HealthClient(url),
    clock,
    app,
    groupPrefix,
    startOffsets,
    dataSource,
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
