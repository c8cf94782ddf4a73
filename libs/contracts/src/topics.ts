/** Every Kafka topic Tenantry owns, declared once with the settings the topic tooling creates it with. */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TopicDefinition {
  readonly name: string;
  readonly partitions: number;
  readonly retentionMs: number;
  readonly description: string;
}

export const TOPICS = {
  TENANT_LIFECYCLE: {
    name: 'tenantry.tenant.lifecycle.v1',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    description: 'Tenant lifecycle: creation, updates, status transitions, plan, limits and configuration changes.',
  },
  TENANT_PROVISIONING: {
    name: 'tenantry.tenant.provisioning.v1',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    description: 'Outcomes of provisioning and offboarding sagas.',
  },
  GATEWAY_API_USAGE: {
    name: 'tenantry.gateway.api-usage.v1',
    partitions: 6,
    retentionMs: 7 * DAY_MS,
    description: 'API calls and bytes per tenant, sampled by the gateway in small windows.',
  },
  GATEWAY_OPERATIONS: {
    name: 'tenantry.gateway.operations.v1',
    partitions: 3,
    retentionMs: 30 * DAY_MS,
    description: 'Operational announcements: maintenance windows (scheduled, started, ended) and messages to tenant admins asked for by bulk jobs.',
  },
  METERING_USAGE: {
    name: 'tenantry.metering.usage.v1',
    partitions: 12,
    retentionMs: 7 * DAY_MS,
    description: 'Every accepted usage event, keyed by tenant. The hot path.',
  },
  METERING_ALERTS: {
    name: 'tenantry.metering.alerts.v1',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    description: 'Threshold, limit, anomaly and performance alerts raised from usage.',
  },
  BILLING: {
    name: 'tenantry.billing.v1',
    partitions: 6,
    retentionMs: 90 * DAY_MS,
    description: 'Invoices, payments, dunning and subscription changes.',
  },
  HEALTH: {
    name: 'tenantry.health.v1',
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    description: 'Tenant health scores and churn-risk flags.',
  },
  NOTIFICATIONS: {
    name: 'tenantry.notifications.v1',
    partitions: 3,
    retentionMs: 7 * DAY_MS,
    description: 'Outcomes of notification deliveries.',
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS]['name'];

/** Dead letters of one consumer group: the failed message with its error and original headers. */
export function deadLetterTopic(consumerGroup: string): string {
  return `tenantry.dlq.${consumerGroup}`;
}

export const DEAD_LETTER_RETENTION_MS = 30 * DAY_MS;
