/** A tenant's subscription: what billing answers and what an operator may change. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, ValidateIf } from 'class-validator';
import { PLAN_ID_PATTERN } from './plan.dto';

/** A tax rate as a fraction below 1 with at most 6 decimals ("0.2" = 20 %). */
export const TAX_RATE_PATTERN = /^0(\.\d{1,6})?$/;

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'canceled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export class ChangeSubscriptionDto {
  @ApiPropertyOptional({ example: 'growth', description: 'A dearer plan applies at once (prorated); a cheaper or equal one at the end of the period' })
  // Absent means unchanged; null is refused (400 naming the field), not taken for absent.
  @ValidateIf((_, value) => value !== undefined)
  @Matches(PLAN_ID_PATTERN, { message: 'planId must be a plan id' })
  planId?: string;

  @ApiPropertyOptional({ example: '0.2', description: "The tenant's tax rate as a fraction (0.2 = 20 %), for invoices not yet finalized" })
  @ValidateIf((_, value) => value !== undefined)
  @Matches(TAX_RATE_PATTERN, { message: 'taxRate must be a decimal string from 0 to below 1 with at most 6 decimals' })
  taxRate?: string;
}

export class PendingPlanDto {
  @ApiProperty() planId!: string;
  @ApiProperty() planVersion!: number;
  @ApiProperty({ format: 'date-time' }) effectiveAt!: string;
}

export class SubscriptionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty() planId!: string;
  @ApiProperty() planVersion!: number;
  @ApiProperty({ enum: SUBSCRIPTION_STATUSES }) status!: SubscriptionStatus;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: '0.2' }) taxRate!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) trialEndsAt!: string | null;
  @ApiProperty({ format: 'date-time' }) currentPeriodStart!: string;
  @ApiProperty({ format: 'date-time' }) currentPeriodEnd!: string;
  @ApiProperty({ type: PendingPlanDto, nullable: true }) pendingChange!: PendingPlanDto | null;
}
