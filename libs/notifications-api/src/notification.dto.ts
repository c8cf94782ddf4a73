/** Email notifications as notifications takes and answers them: the delivery log, per-recipient preferences, template overrides, unsubscribing. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'delivered', 'failed', 'suppressed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Categories a recipient can switch off; critical mails (security, suspension, payment failure) are always sent. */
export const PREFERENCE_CATEGORIES = ['usage', 'billing', 'lifecycle', 'product'] as const;
export type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];

export const TEMPLATE_LANGUAGES = ['en', 'de'] as const;

export class NotificationViewDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ description: 'Absent for operator mails about no tenant' }) tenantId?: string;
  @ApiProperty({ example: 'invoice-issued' }) type!: string;
  @ApiProperty({ example: 'billing' }) category!: string;
  @ApiProperty({ description: 'Critical mails ignore preferences and carry no unsubscribe link' }) critical!: boolean;
  @ApiProperty({ example: 'ops@acme.example' }) recipient!: string;
  @ApiProperty({ enum: NOTIFICATION_STATUSES, description: '`suppressed`: the recipient opted out of the category' }) status!: NotificationStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional({ description: 'The Message-ID header the mail was sent with' }) messageId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) sentAt?: string;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationViewDto] }) notifications!: NotificationViewDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next (older) page' }) nextCursor?: string;
}

export class CategoryPreferencesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'must be a boolean' }) usage?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'must be a boolean' }) billing?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'must be a boolean' }) lifecycle?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean({ message: 'must be a boolean' }) product?: boolean;
}

export class SetNotificationPreferencesDto {
  @ApiProperty({ example: 'ops@acme.example', description: 'The recipient whose preferences change' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(320, { message: 'must be at most 320 characters' })
  recipient!: string;

  @ApiProperty({ type: CategoryPreferencesDto, description: 'true: mailed, false: not; categories left out keep their setting' })
  @IsObject({ message: 'must be an object of category → boolean' })
  categories!: CategoryPreferencesDto;
}

export class RecipientPreferencesDto {
  @ApiProperty() recipient!: string;
  @ApiProperty({ type: CategoryPreferencesDto }) categories!: Required<CategoryPreferencesDto>;
}

export class NotificationPreferencesDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty({ type: [RecipientPreferencesDto] }) recipients!: RecipientPreferencesDto[];
  @ApiProperty({ example: ['security', 'suspension', 'payment'], description: 'Always sent' }) critical!: string[];
}

export class TemplatePartsDto {
  @ApiProperty({ description: 'Handlebars' }) @IsString({ message: 'must be a string' }) @MinLength(1, { message: 'must not be empty' }) @MaxLength(500, { message: 'must be at most 500 characters' }) subject!: string;
  @ApiProperty({ description: 'Handlebars, HTML (values are escaped)' }) @IsString({ message: 'must be a string' }) @MinLength(1, { message: 'must not be empty' }) @MaxLength(100_000, { message: 'must be at most 100000 characters' }) html!: string;
  @ApiProperty({ description: 'Handlebars, plain text' }) @IsString({ message: 'must be a string' }) @MinLength(1, { message: 'must not be empty' }) @MaxLength(100_000, { message: 'must be at most 100000 characters' }) text!: string;
}

export class PutNotificationTemplateDto extends TemplatePartsDto {
  @ApiPropertyOptional({ enum: TEMPLATE_LANGUAGES, default: 'en' })
  @IsOptional()
  @IsIn(TEMPLATE_LANGUAGES, { message: `must be one of ${TEMPLATE_LANGUAGES.join(', ')}` })
  language?: (typeof TEMPLATE_LANGUAGES)[number];
}

export class NotificationTemplateDto extends TemplatePartsDto {
  @ApiProperty({ example: 'welcome' }) type!: string;
  @ApiProperty({ enum: TEMPLATE_LANGUAGES }) language!: string;
  @ApiProperty({ description: 'false: the shipped template' }) overridden!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) updatedAt?: string;
  @ApiProperty({ description: 'The variables the template can use, with sample values' }) sample!: Record<string, unknown>;
}

export class UnsubscribeResultDto {
  @ApiProperty({ example: 'usage', description: 'The one category the link switches off (usage, billing, lifecycle, product)' }) category!: string;
  @ApiProperty({ format: 'uuid', description: 'The tenant whose mails the link is about' }) tenantId!: string;
  @ApiProperty({ example: true, description: 'true once switched off (POST); false when the link was only checked (GET)' }) unsubscribed!: boolean;
}

export const NOTIFICATION_TYPE_NAMES = ['welcome', 'usage-alert', 'trial-ending', 'invoice-issued', 'payment-failed', 'dunning-warning', 'tenant-suspended', 'tenant-reactivated', 'offboarding-complete', 'provisioning-failed', 'performance-degraded', 'churn-risk', 'retention-check-in', 'win-back', 'user-invited', 'impersonation-started', 'webhook-endpoint-disabled', 'admin-message', 'maintenance-scheduled'] as const;

export class NotificationListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A tenant's mails only (a tenant-admin key: its own, the default)" })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_TYPE_NAMES })
  @IsOptional()
  @IsIn(NOTIFICATION_TYPE_NAMES, { message: `must be one of ${NOTIFICATION_TYPE_NAMES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_STATUSES, { message: `must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
  status?: NotificationStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 200' })
  @Min(1, { message: 'must be an integer from 1 to 200' })
  @Max(200, { message: 'must be an integer from 1 to 200' })
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'must be a cursor from nextCursor' })
  cursor?: string;
}

export class NotificationTemplateQueryDto {
  @ApiPropertyOptional({ example: 'de', description: 'A language tag; languages without templates fall back to en' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'must be a language tag such as en or de-AT' })
  language?: string;
}
