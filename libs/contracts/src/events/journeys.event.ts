/** Payloads of health scoring's lifecycle journeys (topic tenantry.health.v1): onboarding, retention check-ins, win-back. */
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

/** The setup checklist of a tenant, in the order it is shown. */
export const ONBOARDING_ITEMS = ['branding-set', 'first-usage', 'first-active-user', 'payment-method-attached', 'domain-verified'] as const;
export type OnboardingItem = (typeof ONBOARDING_ITEMS)[number];

export class TenantOnboardingProgressedPayload {
  @IsUUID()
  tenantId!: string;

  /** The checklist item just completed. */
  @IsIn(ONBOARDING_ITEMS)
  item!: OnboardingItem;

  /** Every item completed so far (including `item`). */
  @IsArray()
  @IsString({ each: true })
  completedItems!: string[];

  /** Completed items ÷ items that have an event source (items still `unknown` are left out), 0–100. */
  @IsInt()
  @Min(0)
  @Max(100)
  progressPercent!: number;

  /** Every item that has an event source is done. */
  @IsBoolean()
  complete!: boolean;

  /** Seconds from the tenant's creation to its first recorded usage, once known. */
  @IsOptional()
  @IsInt()
  @Min(0)
  timeToFirstValueSeconds?: number;

  /** When the item was completed (the time of the event that completed it). */
  @IsISO8601()
  at!: string;
}

export const CHECK_IN_KINDS = ['churn-risk', 'success'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

export class RetentionCheckInDuePayload {
  @IsUUID()
  tenantId!: string;

  /** The operator task created for it (GET /api/v1/platform/retention/check-ins). */
  @IsUUID()
  checkInId!: string;

  /** `churn-risk`: the tenant entered churn risk; `success`: a routine check-in with a green tenant. */
  @IsIn(CHECK_IN_KINDS)
  kind!: CheckInKind;

  /** For `churn-risk`: the reasons raised (score-drop, usage-decline, payment-failures, red-7-days). */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  reasons?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  details?: string[];

  @IsISO8601()
  at!: string;
}

export class WinBackDuePayload {
  @IsUUID()
  tenantId!: string;

  /** When the tenant was offboarded (its TenantDeleted / TenantOffboarded, else the start of offboarding). */
  @IsISO8601()
  removedAt!: string;

  /** Days between the removal and this message (HEALTH_WINBACK_DELAY_DAYS). */
  @IsInt()
  @Min(0)
  delayDays!: number;

  /** The reason given on offboarding feedback, when the tenant left one. */
  @IsOptional()
  @IsString()
  feedbackReason?: string;

  @IsISO8601()
  at!: string;
}
