/** An invoice as billing stores it: one per subscription and period. */
import { InvoiceStatus, PaymentStatus } from '@tenantry/billing-api';
import { InvoiceLine } from './invoice-calculation';

export interface Invoice {
  id: string;
  tenantId: string;
  subscriptionId: string;
  periodStart: Date;
  periodEnd: Date;
  status: InvoiceStatus;
  /** null until finalized, and for a zero-amount invoice (closed without a payment). */
  paymentStatus: PaymentStatus | null;
  number: string | null;
  currency: string;
  taxRate: string;
  subtotal: string;
  tax: string;
  total: string;
  /** The plan at the start of the billable part of the period. */
  planId: string;
  planVersion: number;
  billableFrom: Date;
  /** How many times a recomputation changed the draft (1 = as created). */
  revision: number;
  graceEndsAt: Date;
  finalizedAt: Date | null;
  dueAt: Date | null;
  /** When it was voided (null otherwise) and the Idempotency-Key of that request. */
  voidedAt?: Date | null;
  voidIdempotencyKey?: string | null;
  createdAt: Date;
  /** Credit notes issued against it, oldest first. */
  creditNotes?: { id: string; number: string; method: 'credit' | 'refund'; amount: string }[];
  lines: InvoiceLine[];
}
