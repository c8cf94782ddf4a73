/** Tenant health as health scoring takes and answers it (through the gateway: /api/v1/platform/tenants/{id}/health …). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const HEALTH_COMPONENT_NAMES = ['activity', 'revenue', 'compliance', 'performance', 'satisfaction'] as const;

export class RecordFeedbackDto {
  @ApiProperty({ minimum: 0, maximum: 10, example: 8, description: 'NPS-style: how likely the tenant is to recommend the platform, 0 to 10' })
  @IsInt({ message: 'must be an integer from 0 to 10' })
  @Min(0, { message: 'must be an integer from 0 to 10' })
  @Max(10, { message: 'must be an integer from 0 to 10' })
  score!: number;

  @ApiPropertyOptional({ maxLength: 2000, example: 'Setup was quick; reports are slow.' })
  @IsOptional()
  @IsString({ message: 'must be a string of at most 2000 characters' })
  @MaxLength(2000, { message: 'must be a string of at most 2000 characters' })
  comment?: string;
}

export class FeedbackViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) score!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class HealthComponentDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ example: 'API calls down 42 % against the previous 30 days' }) explanation!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The figures the score came from' }) inputs!: Record<string, number | string | null>;
}

export class HealthComponentsDto {
  @ApiPropertyOptional({ type: HealthComponentDto }) activity?: HealthComponentDto;
  @ApiPropertyOptional({ type: HealthComponentDto }) revenue?: HealthComponentDto;
  @ApiPropertyOptional({ type: HealthComponentDto }) compliance?: HealthComponentDto;
  @ApiPropertyOptional({ type: HealthComponentDto }) performance?: HealthComponentDto;
  @ApiPropertyOptional({ type: HealthComponentDto }) satisfaction?: HealthComponentDto;
}

export class HealthAlertDto {
  @ApiProperty({ enum: HEALTH_COMPONENT_NAMES }) component!: string;
  @ApiProperty() score!: number;
  @ApiProperty() message!: string;
}

export class ChurnRiskDto {
  @ApiProperty({ enum: ['score-drop', 'usage-decline', 'payment-failures', 'red-7-days'] }) reason!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
}

export class TenantHealthViewDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) overall!: number;
  @ApiProperty({ enum: ['red', 'yellow', 'green'], description: '0–50 red, 51–75 yellow, 76–100 green' }) band!: string;
  @ApiProperty({ type: HealthComponentsDto, description: 'A component without data is absent (listed in withoutData)' }) components!: HealthComponentsDto;
  @ApiProperty({ type: [String], enum: HEALTH_COMPONENT_NAMES }) withoutData!: string[];
  @ApiProperty() explanation!: string;
  @ApiProperty({ type: [HealthAlertDto], description: 'The components at 75 or below, lowest first' }) alerts!: HealthAlertDto[];
  @ApiProperty({ type: [ChurnRiskDto], description: 'Churn-risk reasons currently raised' }) churnRisk!: ChurnRiskDto[];
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
}

export class HealthHistoryEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() overall!: number;
  @ApiProperty({ enum: ['red', 'yellow', 'green'] }) band!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Score per component with data' }) components!: Record<string, number>;
}

export class HealthHistoryDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: [HealthHistoryEntryDto], description: 'Newest first' }) history!: HealthHistoryEntryDto[];
}

export class HealthHistoryQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 500' })
  @Min(1, { message: 'must be an integer from 1 to 500' })
  @Max(500, { message: 'must be an integer from 1 to 500' })
  limit?: number;
}

export class DashboardStatusDto {
  @ApiProperty({ example: 'active', description: 'The lifecycle status from the latest status transition (provisioning before any)' }) status!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) name!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) slug!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) planId!: string | null;
}

export class DashboardUsageMetricDto {
  @ApiProperty({ example: 'api_calls' }) metric!: string;
  @ApiProperty({ description: 'Summed metrics: this UTC month so far; measured ones (storage_bytes): the latest reading', example: 1200 }) used!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The limit (decimal string) from TenantLimitsChanged, or null' }) limit!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['soft', 'hard'], type: String }) mode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'used / limit × 100, rounded' }) percent!: number | null;
}

export class DashboardUsageDto {
  @ApiProperty({ type: [DashboardUsageMetricDto] }) metrics!: DashboardUsageMetricDto[];
  @ApiProperty({ description: 'Limit warnings and limits exceeded in the last 30 days' }) limitAlertsLast30Days!: number;
}

export class DashboardUsersDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'User seats of the tenant (TenantCreated resources.users)' }) seats!: number | null;
  @ApiProperty({ description: 'Distinct active users in the last 30 days' }) active!: number;
  @ApiProperty({ description: 'Distinct active users in the 30 days before' }) activePrevious!: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Growth of active users against the previous 30 days, in %; null without a previous period' }) growthPercent!: number | null;
}

export class DashboardInvoiceDto {
  @ApiProperty() invoiceId!: string;
  @ApiProperty() amountMinor!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['paid', 'failed', 'overdue', 'open'] }) status!: string;
}

export class DashboardRevenueDto {
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Amount of the latest invoice, in minor units: the monthly recurring revenue as billing last invoiced it' }) mrrMinor!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ enum: ['paid', 'failed', 'overdue', 'open', 'none'], description: 'Of the latest invoice' }) paymentStatus!: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'From the latest SubscriptionChanged' }) subscriptionStatus!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dunningStage!: string | null;
  @ApiProperty({ type: [DashboardInvoiceDto], description: 'The last 3 invoices, newest first' }) lastInvoices!: DashboardInvoiceDto[];
}

export class DashboardActionDto {
  @ApiProperty({ example: 'TenantSuspended' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ example: 'Suspended (active → suspended): unpaid invoices' }) summary!: string;
}

export class DashboardActivityDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'The last UTC day with recorded usage or an active user' }) lastActiveDay!: string | null;
  @ApiProperty({ type: [DashboardActionDto], description: 'The last 10 lifecycle actions, newest first' }) recentActions!: DashboardActionDto[];
}

export class TenantDashboardDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ format: 'date-time', description: "When the tenant's projection last changed (its latest score computation)" }) asOf!: string;
  @ApiProperty({ type: DashboardStatusDto }) status!: DashboardStatusDto;
  @ApiProperty({ type: DashboardUsageDto }) usage!: DashboardUsageDto;
  @ApiProperty({ type: DashboardUsersDto }) users!: DashboardUsersDto;
  @ApiProperty({ type: DashboardRevenueDto }) revenue!: DashboardRevenueDto;
  @ApiProperty({ type: DashboardActivityDto }) activity!: DashboardActivityDto;
  @ApiProperty({ type: TenantHealthViewDto }) health!: TenantHealthViewDto;
}
