/** The event types an endpoint subscribes to: names from the event catalogue, `Prefix*`, or `*`. */
import { EVENT_CATALOGUE, EVENT_NAMES, EventName, TOPICS } from '@tenantry/contracts';

/** Sent by POST /webhook-endpoints/{id}/test only; every endpoint receives it whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = 'WebhookTest';

/**
 * The topics webhooks are fed from: every topic of the suite but the two high-volume usage streams
 * (one event per API call or usage record — UsageRecorded, ApiUsageSampled — is not for webhooks;
 * their thresholds and alerts are).
 */
export const WEBHOOK_TOPICS: readonly string[] = Object.values(TOPICS)
  .map((topic) => topic.name)
  .filter((name) => name !== TOPICS.METERING_USAGE.name && name !== TOPICS.GATEWAY_API_USAGE.name);

/** Types a webhook can carry: the catalogue's events on those topics. */
export const WEBHOOK_EVENT_TYPES: readonly EventName[] = EVENT_NAMES.filter((name) => WEBHOOK_TOPICS.includes(EVENT_CATALOGUE[name].topic));

/** The first pattern that names no known event type (with its index), or undefined. */
export function unknownPattern(patterns: readonly string[]): { index: number; pattern: string } | undefined {
  for (const [index, pattern] of patterns.entries()) {
    if (!WEBHOOK_EVENT_TYPES.some((type) => matchesPattern(pattern, type))) return { index, pattern };
  }
  return undefined;
}

export function matchesPattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function subscribes(patterns: readonly string[], type: string): boolean {
  return type === WEBHOOK_TEST_EVENT || patterns.some((pattern) => matchesPattern(pattern, type));
}
