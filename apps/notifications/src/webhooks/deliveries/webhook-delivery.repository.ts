/** Storage of webhook events, deliveries and attempts (the port; Postgres beside it). */
import { Transaction } from '@tenantry/persistence';
import { EndpointAccess } from '../endpoints/endpoint-access';
import { ClaimedDelivery, WebhookAttempt, WebhookDelivery, WebhookDeliveryWithAttempts, WebhookEvent } from './webhook-delivery.row';

export abstract class WebhookDeliveryRepository {
  /** Keeps events for replay; one already kept is left as it is. */
  abstract saveEvents(tx: Transaction, events: readonly WebhookEvent[]): Promise<void>;
  /** Inserts the deliveries; one that exists for the same endpoint and event is left as it is. Returns how many are new. */
  abstract insertDeliveries(tx: Transaction, deliveries: readonly WebhookDelivery[]): Promise<number>;
  /** Events that occurred in [from, to), oldest first, at most `limit`; of one tenant and the platform's when `tenantId` is given. */
  abstract eventsBetween(from: Date, to: Date, tenantId: string | null, limit: number): Promise<WebhookEvent[]>;
  /**
   * Claims up to `limit` pending deliveries due at `now` to enabled endpoints: moves their next
   * attempt to `leaseUntil`, so another worker skips them while this one sends (and retries them
   * after it if this one dies).
   */
  abstract claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  abstract addAttempt(tx: Transaction, deliveryId: string, attempt: WebhookAttempt): Promise<void>;
  /** Locks and returns the delivery. */
  abstract lock(tx: Transaction, id: string): Promise<WebhookDelivery | undefined>;
  abstract saveState(tx: Transaction, delivery: Pick<WebhookDelivery, 'id' | 'status' | 'attemptCount' | 'nextAttemptAt'>): Promise<void>;
  /** Queues the endpoint's failed deliveries of these events again, due at `now`; returns how many. */
  abstract requeueFailed(tx: Transaction, endpointId: string, eventIds: readonly string[], now: Date): Promise<number>;
  abstract list(access: EndpointAccess, endpointId: string, limit: number): Promise<WebhookDeliveryWithAttempts[]>;
  abstract find(access: EndpointAccess, id: string): Promise<WebhookDeliveryWithAttempts | undefined>;
  /** Removes events that occurred before `before` and finished deliveries created before it (with their attempts); returns how many rows went. */
  abstract prune(before: Date): Promise<{ events: number; deliveries: number }>;
}
