/** Payloads of billing events (topic tenantry.billing.v1). Money is integer minor units plus ISO 4217. */
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';

class InvoiceMoney {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  invoiceId!: string;

  @IsInt()
  @Min(0)
  amountMinor!: number;

  @IsString()
  @Length(3, 3)
  currency!: string;
}

export class InvoiceIssuedPayload extends InvoiceMoney {
  @IsISO8601()
  periodStart!: string;

  @IsISO8601()
  periodEnd!: string;

  @IsISO8601()
  dueAt!: string;
}

export class InvoicePaidPayload extends InvoiceMoney {
  @IsISO8601()
  paidAt!: string;
}

export class InvoiceVoidedPayload extends InvoiceMoney {
  /** The number it keeps (numbering stays gapless). */
  @IsString()
  number!: string;

  @IsISO8601()
  voidedAt!: string;
}

export class CreditNoteIssuedPayload extends InvoiceMoney {
  @IsUUID()
  creditNoteId!: string;

  @IsString()
  number!: string;

  @IsIn(['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other'])
  reason!: string;

  /** `credit`: a balance for the tenant's next invoices; `refund`: paid back through the payment provider. */
  @IsIn(['credit', 'refund'])
  method!: 'credit' | 'refund';

  @IsISO8601()
  issuedAt!: string;
}

export class InvoiceFailedPayload extends InvoiceMoney {
  @IsInt()
  @Min(1)
  attempt!: number;

  @IsString()
  reason!: string;

  @IsOptional()
  @IsISO8601()
  nextRetryAt?: string;
}

/**
 * The steps of the dunning ladder, in the order they can be configured (BILLING_DUNNING_LADDER).
 * `warning`: tell the tenant; `suspended`: the registry suspends it with reason `payment`;
 * `inactive`: the registry deactivates it; `written_off`: billing stops collecting.
 */
export const DUNNING_STEPS = ['warning', 'suspended', 'inactive', 'written_off'] as const;
export type DunningStep = (typeof DUNNING_STEPS)[number];

export class DunningEscalatedPayload {
  @IsUUID()
  tenantId!: string;

  /** One episode per stretch of non-payment: from the first overdue invoice until all are paid. */
  @IsUUID()
  episodeId!: string;

  @IsIn(DUNNING_STEPS)
  step!: DunningStep;

  /** Whole days since the oldest unpaid invoice became overdue. */
  @IsInt()
  @Min(0)
  daysOverdue!: number;

  /** The oldest unpaid invoice. */
  @IsUUID()
  invoiceId!: string;

  /** Every invoice unpaid when the step was taken. */
  @IsArray()
  @IsUUID('all', { each: true })
  invoiceIds!: string[];

  /** When the oldest unpaid invoice became overdue (its first failed charge, or its due date). */
  @IsISO8601()
  overdueSince!: string;

  @IsISO8601()
  at!: string;
}

export class DunningClearedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  episodeId!: string;

  /** The steps the episode had reached, in order (possibly none). */
  @IsArray()
  @IsIn(DUNNING_STEPS, { each: true })
  stepsTaken!: DunningStep[];

  @IsISO8601()
  at!: string;
}

/** A trial ends soon (TRIAL_ENDING_NOTICE_DAYS before its end): published once per subscription and trial end. */
export class TrialEndingPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  subscriptionId!: string;

  @IsString()
  planId!: string;

  @IsISO8601()
  trialEndsAt!: string;

  /** Whole days left, rounded up (a trial ending in 2 days and 1 hour: 3). */
  @IsInt()
  @Min(0)
  daysLeft!: number;

  /** A payment method is on file, or the plan costs nothing: the trial will convert rather than expire. */
  @IsBoolean()
  willConvert!: boolean;

  @IsISO8601()
  at!: string;
}

export const TRIAL_OUTCOMES = ['converted', 'expired'] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];

export class TrialEndedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  subscriptionId!: string;

  @IsString()
  planId!: string;

  /** `converted`: a payment method is on file, or the plan costs nothing; `expired`: neither. */
  @IsIn(TRIAL_OUTCOMES)
  outcome!: TrialOutcome;

  @IsISO8601()
  trialEndedAt!: string;

  @IsISO8601()
  at!: string;
}

export const SUBSCRIPTION_CHANGES = ['created', 'upgraded', 'downgrade_scheduled', 'downgrade_applied', 'downgrade_canceled', 'trial_ended'] as const;
export type SubscriptionChange = (typeof SUBSCRIPTION_CHANGES)[number];

export class SubscriptionChangedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  subscriptionId!: string;

  /** The plan in effect after the change (for a scheduled downgrade: still the current one). */
  @IsString()
  planId!: string;

  @IsIn(['trialing', 'active', 'past_due', 'canceled'])
  status!: 'trialing' | 'active' | 'past_due' | 'canceled';

  @IsISO8601()
  at!: string;

  /** The version of `planId` the subscription is on. */
  @IsOptional()
  @IsInt()
  @Min(1)
  planVersion?: number;

  /** What happened. */
  @IsOptional()
  @IsIn(SUBSCRIPTION_CHANGES)
  change?: SubscriptionChange;

  /** A scheduled downgrade: the plan it moves to and when (the start of the next period). */
  @IsOptional()
  @IsString()
  pendingPlanId?: string;

  @IsOptional()
  @IsISO8601()
  effectiveAt?: string;

  @IsOptional()
  @IsISO8601()
  trialEndsAt?: string;
}

/**
 * A card a tenant's payment methods now include: only what billing keeps to show it (brand, last 4
 * digits, expiry) — never the card number, nor the provider's token.
 */
export class PaymentMethodAttachedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  paymentMethodId!: string;

  /** The card network as the provider names it (`visa`, `mastercard`, …). */
  @IsString()
  @Length(1, 40)
  brand!: string;

  @Matches(/^\d{4}$/)
  last4!: string;

  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @IsInt()
  @Min(2000)
  @Max(9999)
  expYear!: number;

  /** It became the tenant's default (its first card, or attached with makeDefault). */
  @IsBoolean()
  isDefault!: boolean;

  @IsISO8601()
  attachedAt!: string;
}

/** A payment method was detached; when it was the default, `newDefaultPaymentMethodId` names the one that took over (absent when none remains). */
export class PaymentMethodRemovedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  paymentMethodId!: string;

  @IsString()
  @Length(1, 40)
  brand!: string;

  @Matches(/^\d{4}$/)
  last4!: string;

  @IsBoolean()
  wasDefault!: boolean;

  @IsOptional()
  @IsUUID()
  newDefaultPaymentMethodId?: string;

  @IsISO8601()
  removedAt!: string;
}

export const DEFAULT_PAYMENT_METHOD_CHANGE_CAUSES = ['attached', 'made_default', 'removed'] as const;
export type DefaultPaymentMethodChangeCause = (typeof DEFAULT_PAYMENT_METHOD_CHANGE_CAUSES)[number];

/**
 * Which payment method billing charges changed: a card attached as the default, another card made
 * the default, or the default detached (the oldest remaining one takes over; none when none remains).
 */
export class DefaultPaymentMethodChangedPayload {
  @IsUUID()
  tenantId!: string;

  /** The new default; absent when the tenant has no payment method left. */
  @IsOptional()
  @IsUUID()
  paymentMethodId?: string;

  /** Its brand and last 4 digits, to name it to a person. */
  @IsOptional()
  @IsString()
  @Length(1, 40)
  brand?: string;

  @IsOptional()
  @Matches(/^\d{4}$/)
  last4?: string;

  /** The default before; absent when the tenant had none. */
  @IsOptional()
  @IsUUID()
  previousPaymentMethodId?: string;

  @IsIn(DEFAULT_PAYMENT_METHOD_CHANGE_CAUSES)
  cause!: DefaultPaymentMethodChangeCause;

  @IsISO8601()
  at!: string;
}
