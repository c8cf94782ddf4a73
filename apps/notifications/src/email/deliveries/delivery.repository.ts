/**
 * One row per mail and recipient (port). Written in the consuming event's inbox transaction before
 * anything is sent, unique by `dedupKey` (event id, recipient, type): a redelivered event adds
 * nothing. The sender claims due rows with a lease (status `sending`), sends with a Message-ID
 * derived from the row, then records the outcome.
 */
import { TenantScope, Transaction } from '@tenantry/persistence';

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'suppressed';

export interface NewDelivery {
  id: string;
  dedupKey: string;
  tenantId: string | null;
  type: string;
  category: string;
  critical: boolean;
  recipient: string;
  eventId: string;
  data: Record<string, unknown>;
  /** `failed` only when planned with no recipient known. */
  status: 'pending' | 'suppressed' | 'failed';
  nextAttemptAt: Date;
  createdAt: Date;
  lastError?: string;
}

export interface Delivery extends Omit<NewDelivery, 'status' | 'lastError'> {
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  sentAt: Date | null;
  seq: string;
}

export interface DeliveryFilter {
  tenantId?: string;
  type?: string;
  status?: DeliveryStatus;
  /** Rows older than this cursor (a seq). */
  before?: string;
  limit: number;
}

export abstract class DeliveryRepository {
  /** false: a row with the same dedup key exists (the event was seen). */
  abstract insert(tx: Transaction, delivery: NewDelivery): Promise<boolean>;
  /**
   * For digests: when the last mail of this category went (or is going) to the recipient about the
   * tenant, and when the earliest one still waiting is due.
   */
  abstract digestSlot(tx: Transaction, scope: TenantScope, recipient: string, category: string): Promise<{ lastSentAt?: Date; waitingUntil?: Date }>;
  abstract due(now: Date, limit: number): Promise<Delivery[]>;
  /** Takes the rows still due (status pending, or sending with an expired lease) for `leaseUntil`, counting an attempt. */
  abstract claim(tx: Transaction, ids: string[], now: Date, leaseUntil: Date): Promise<Delivery[]>;
  abstract delivered(tx: Transaction, ids: string[], messageId: string, at: Date): Promise<void>;
  abstract retryLater(tx: Transaction, ids: string[], error: string, at: Date): Promise<void>;
  abstract failed(tx: Transaction, ids: string[], error: string): Promise<void>;
  abstract list(filter: DeliveryFilter): Promise<Delivery[]>;
}
