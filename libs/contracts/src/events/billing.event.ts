/** Payloads of billing events (topic tenantry.billing.v1). Money is integer minor units plus ISO 4217. */
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';

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

export const DUNNING_STAGES = ['reminder', 'warning', 'suspension', 'cancellation'] as const;
export type DunningStage = (typeof DUNNING_STAGES)[number];

export class DunningEscalatedPayload {
  @IsUUID()
  tenantId!: string;

  @IsUUID()
  invoiceId!: string;

  @IsIn(DUNNING_STAGES)
  stage!: DunningStage;

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
