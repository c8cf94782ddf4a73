/** Lifecycle journeys as health scoring takes and answers them: onboarding, retention check-ins, offboarding feedback. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OFFBOARDING_REASONS } from './offboarding-reasons';

export const ONBOARDING_ITEM_STATUSES = ['done', 'pending', 'unknown', 'not-applicable'] as const;

export class OnboardingItemDto {
  @ApiProperty({ example: 'first-usage', enum: ['branding-set', 'first-usage', 'first-active-user', 'payment-method-attached', 'domain-verified'] }) item!: string;
  @ApiProperty({ enum: ONBOARDING_ITEM_STATUSES, description: '`unknown`: no event tells this yet (the seam is named in `source`); `not-applicable`: the item does not apply to this tenant (`domain-verified` for a tenant on a platform subdomain). Both are left out of the progress' }) status!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ example: 'UsageRecorded', description: 'The event that completes it' }) source!: string;
  @ApiProperty({ example: 'First usage recorded' }) label!: string;
}

export class OnboardingViewDto {
  @ApiProperty() tenantId!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'From TenantCreated' }) createdAt!: string | null;
  @ApiProperty({ type: [OnboardingItemDto] }) items!: OnboardingItemDto[];
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Done items ÷ items that apply and have an event source (`unknown` and `not-applicable` ones left out), rounded down' }) progressPercent!: number;
  @ApiProperty({ description: 'Every item that applies and has an event source is done' }) complete!: boolean;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'The first usage recorded' }) firstValueAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Seconds from creation to the first usage recorded' }) timeToFirstValueSeconds!: number | null;
}

export const CHECK_IN_STATUSES = ['open', 'completed'] as const;

export class CheckInQueryDto {
  @ApiPropertyOptional({ enum: CHECK_IN_STATUSES })
  @IsOptional()
  @IsIn(CHECK_IN_STATUSES, { message: `must be one of ${CHECK_IN_STATUSES.join(', ')}` })
  status?: string;
}

export class CompleteCheckInDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, example: 'Called the admin; usage dropped during their migration, back next month.' })
  @IsString({ message: 'must be a string of 1 to 2000 characters' })
  @MinLength(1, { message: 'must be a string of 1 to 2000 characters' })
  @MaxLength(2000, { message: 'must be a string of 1 to 2000 characters' })
  note!: string;
}

export class CheckInViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ enum: ['churn-risk', 'success'] }) kind!: string;
  @ApiProperty({ enum: CHECK_IN_STATUSES }) status!: string;
  @ApiProperty({ type: [String], example: ['usage-decline'] }) reasons!: string[];
  @ApiProperty({ type: [String] }) details!: string[];
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) completedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Who completed it (the API key)' }) completedBy!: string | null;
}

export class CheckInListDto {
  @ApiProperty({ type: [CheckInViewDto] }) items!: CheckInViewDto[];
}

export class RecordOffboardingFeedbackDto {
  @ApiProperty({ enum: OFFBOARDING_REASONS })
  @IsIn(OFFBOARDING_REASONS, { message: `must be one of ${OFFBOARDING_REASONS.join(', ')}` })
  reason!: string;

  @ApiProperty({ minimum: 0, maximum: 10, example: 6, description: 'How likely the tenant is to recommend the platform, 0 to 10' })
  @IsInt({ message: 'must be an integer from 0 to 10' })
  @Min(0, { message: 'must be an integer from 0 to 10' })
  @Max(10, { message: 'must be an integer from 0 to 10' })
  score!: number;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'must be a string of at most 2000 characters' })
  @MaxLength(2000, { message: 'must be a string of at most 2000 characters' })
  comment?: string;
}

export class OffboardingFeedbackViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ enum: OFFBOARDING_REASONS }) reason!: string;
  @ApiProperty({ minimum: 0, maximum: 10 }) score!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OffboardingFeedbackListDto {
  @ApiProperty({ type: [OffboardingFeedbackViewDto] }) items!: OffboardingFeedbackViewDto[];
}
