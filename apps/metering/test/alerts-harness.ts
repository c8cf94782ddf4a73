// Helpers of the limits, alerts, anomaly and summary integration tests: tenants metering knows, limit
// changes on the lifecycle topic, and the alerts that really landed on Kafka.
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { TOPICS } from '@tenantry/contracts';
import { eventMessage, produce, readTopic, ReceivedMessage, waitFor } from '@tenantry/testing';
import { MeteringClient } from './metering-client';

export interface ReceivedAlert {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** A tenant metering knows as active: ingestion stops answering unknown-tenant (probed with an event it rejects anyway). */
export async function activeTenant(kafka: Kafka, api: MeteringClient, tenantId: string = randomUUID()): Promise<string> {
  const at = new Date().toISOString();
  await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'int-test', at })]);
  await waitFor(
    async () => {
      const answer = await api.one(tenantId, { eventId: 'probe', metric: 'api_calls', quantity: 'not-a-number', timestamp: at });
      return answer.body.results[0]?.reason === 'invalid-quantity';
    },
    { timeoutMs: 60_000, what: 'metering to know the tenant' },
  );
  return tenantId;
}

export interface CollectedReading {
  tenantId: string;
  eventId: string;
  metric: string;
  quantity: string;
  timestamp: string;
  properties?: Record<string, string>;
}

/**
 * Readings of the metrics the platform measures (storage, database size, active users), which the
 * ingestion API refuses: published on the usage stream as metering's collectors record them.
 */
export async function publishCollected(kafka: Kafka, readings: readonly CollectedReading[]): Promise<void> {
  await produce(
    kafka,
    TOPICS.METERING_USAGE.name,
    readings.map((reading) => eventMessage('UsageRecorded', { ...reading, source: 'collector' })),
  );
}

export interface LimitSpec {
  metric: string;
  limit: string;
  mode: 'soft' | 'hard';
}

/** Publishes TenantLimitsChanged as the registry would (a new CloudEvents id every time). */
export async function changeLimits(kafka: Kafka, tenantId: string, version: number, limits: LimitSpec[]): Promise<void> {
  await produce(kafka, TOPICS.TENANT_LIFECYCLE.name, [eventMessage('TenantLimitsChanged', { tenantId, version, limits, at: new Date().toISOString() })]);
}

/** Waits until the usage view shows the limit of `metric` (null: no limit) with the mode. */
export async function limitApplied(api: MeteringClient, tenantId: string, metric: string, limit: string | null, mode: 'soft' | 'hard' | null = null): Promise<void> {
  await waitFor(
    async () => {
      const entry = (await api.usage(tenantId)).body.current.find((c) => c.metric === metric);
      return entry?.limit === limit && (limit === null || entry?.mode === mode);
    },
    { timeoutMs: 60_000, what: `limit ${limit} on ${metric} of ${tenantId}` },
  );
}

function toAlert(message: ReceivedMessage): ReceivedAlert {
  return { id: message.headers['ce_id'] ?? '', type: message.headers['ce_type'] ?? '', payload: JSON.parse(message.value ?? '{}') as Record<string, unknown> };
}

/**
 * The alerts of the tenants on tenantry.metering.alerts.v1, read from the beginning until `done`
 * holds, then a little longer so that a duplicate would show up too.
 */
export async function alertsOf(kafka: Kafka, tenantIds: readonly string[], done: (alerts: ReceivedAlert[]) => boolean, settleMs = 2_000): Promise<ReceivedAlert[]> {
  const mine = (messages: ReceivedMessage[]) => messages.filter((m) => tenantIds.includes(m.key ?? '')).map(toAlert);
  return mine(await readTopic(kafka, TOPICS.METERING_ALERTS.name, (messages) => done(mine(messages)), { timeoutMs: 90_000, settleMs }));
}

/** A compact, comparable form of a limit alert. */
export function describeAlert(alert: ReceivedAlert): string {
  const p = alert.payload;
  if (alert.type === 'UsageThresholdReached') return `${String(p['metric'])} ${String(p['periodStart'])} ${String(p['thresholdPercent'])}% of ${String(p['limit'])}`;
  if (alert.type === 'UsageLimitExceeded') return `${String(p['metric'])} ${String(p['periodStart'])} exceeded ${String(p['limit'])} ${String(p['mode'])}`;
  return `${alert.type} ${String(p['metric'])} ${String(p['hourStart'])}`;
}
