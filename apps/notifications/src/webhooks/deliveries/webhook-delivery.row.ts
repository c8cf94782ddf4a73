/** Webhook deliveries, their attempts and the events they carry, as stored. */
import type { WebhookDeliveryStatus } from '@tenantry/notifications-api';

/** An event from the suite's topics, kept for replay. */
export interface WebhookEvent {
  id: string;
  type: string;
  tenantId: string | null;
  occurredAt: Date;
  /** The CloudEvents JSON sent as the body. */
  body: string;
}

export interface WebhookDelivery {
  /** Also the `webhook-id` of every attempt. */
  id: string;
  endpointId: string;
  tenantId: string | null;
  eventId: string;
  eventType: string;
  body: string;
  status: WebhookDeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

export interface WebhookAttempt {
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

export interface WebhookDeliveryWithAttempts extends WebhookDelivery {
  attempts: WebhookAttempt[];
}

/** A delivery the worker has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  url: string;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}
