/** Webhook endpoints and their deliveries (Standard Webhooks) as notifications takes and answers them, validated by the gateway and by notifications. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** `Invoice*`, `*` or an event name; checked against the catalogue by notifications. */
const EVENT_TYPE_PATTERN = /^(\*|[A-Z][A-Za-z0-9]*\*?)$/;

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/tenantry', description: 'HTTPS (plain HTTP only for hosts on WEBHOOK_ALLOWED_HOSTS); refused when it resolves to a loopback, private, link-local, CGNAT or metadata address' })
  @IsOptional()
  @IsString({ message: 'must be a URL' })
  @MaxLength(2048, { message: 'must be at most 2048 characters' })
  url?: string;

  @ApiPropertyOptional({ type: [String], example: ['Invoice*', 'TenantSuspended'], description: 'Event types from the AsyncAPI catalogue; a trailing `*` matches a prefix, `*` alone every type' })
  @IsOptional()
  @IsArray({ message: 'must be an array of event types' })
  @ArrayNotEmpty({ message: 'must name at least one event type' })
  @ArrayMaxSize(100, { message: 'must name at most 100 event types' })
  @IsString({ each: true, message: 'must be event type names' })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'must be event type names, a prefix ending in *, or *' })
  eventTypes?: string[];

  @ApiPropertyOptional({ example: 'ERP integration' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  description?: string;

  @ApiPropertyOptional({ description: 'false: nothing is delivered to it; true again also clears an automatic disable' })
  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  enabled?: boolean;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.example.com/tenantry', description: 'HTTPS (plain HTTP only for hosts on WEBHOOK_ALLOWED_HOSTS); refused when it resolves to a loopback, private, link-local, CGNAT or metadata address' })
  @IsString({ message: 'must be a URL' })
  @MaxLength(2048, { message: 'must be at most 2048 characters' })
  url!: string;

  @ApiProperty({ type: [String], example: ['Invoice*', 'TenantSuspended'], description: 'Event types from the AsyncAPI catalogue; a trailing `*` matches a prefix, `*` alone every type' })
  @IsArray({ message: 'must be an array of event types' })
  @ArrayNotEmpty({ message: 'must name at least one event type' })
  @ArrayMaxSize(100, { message: 'must name at most 100 event types' })
  @IsString({ each: true, message: 'must be event type names' })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'must be event type names, a prefix ending in *, or *' })
  eventTypes!: string[];

  @ApiPropertyOptional({ example: 'ERP integration' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  description?: string;

  @ApiPropertyOptional({ description: 'Default true' })
  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  enabled?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: "Platform admins only: the tenant whose events it receives; absent or null for a platform-wide endpoint (every tenant's events). A tenant admin's endpoint is always its own tenant's." })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  tenantId?: string | null;
}

export class WebhookEndpointViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: platform-wide' }) tenantId!: string | null;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'failing since 2026-05-01T00:00:00.000Z' }) disabledReason!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Since when every attempt has failed' }) failingSince!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Until when the previous secret still signs (after a rotation)' }) previousSecretExpiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WebhookEndpointCreatedDto extends WebhookEndpointViewDto {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'The signing secret, shown only in this answer' }) secret!: string;
}

export class WebhookEndpointListDto {
  @ApiProperty({ type: [WebhookEndpointViewDto] }) endpoints!: WebhookEndpointViewDto[];
}

export class WebhookSecretRotatedDto {
  @ApiProperty({ description: 'The new signing secret, shown only in this answer' }) secret!: string;
  @ApiProperty({ format: 'date-time', description: 'Until then every delivery carries a second signature with the previous secret' }) previousSecretExpiresAt!: string;
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export class WebhookAttemptViewDto {
  @ApiProperty({ format: 'date-time' }) attemptedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null: no answer (timeout, refused connection, refused address)' }) statusCode!: number | null;
  @ApiProperty({ description: 'Milliseconds until the answer (or the failure)' }) latencyMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The first 1 KiB of the answer' }) responseExcerpt!: string | null;
}

export class WebhookDeliveryViewDto {
  @ApiProperty({ description: 'Also the `webhook-id` header, the same on every attempt' }) id!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty({ type: String, nullable: true }) tenantId!: string | null;
  @ApiProperty({ description: 'The CloudEvents id of the event' }) eventId!: string;
  @ApiProperty({ example: 'InvoiceIssued' }) eventType!: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES }) status!: WebhookDeliveryStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [WebhookAttemptViewDto] }) attempts!: WebhookAttemptViewDto[];
}

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryViewDto] }) deliveries!: WebhookDeliveryViewDto[];
}

export class ReplayWebhookEventsDto {
  @ApiProperty({ format: 'date-time', description: 'Events from this time (inclusive)' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Events before this time' })
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  to!: string;
}

export class WebhookReplayResultDto {
  @ApiProperty({ description: 'Events of the range the endpoint subscribes to, queued for delivery (each once per endpoint)' }) queued!: number;
}

export class WebhookDeliveryListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50, description: 'Newest first' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer from 1 to 500' })
  @Min(1, { message: 'must be an integer from 1 to 500' })
  @Max(500, { message: 'must be an integer from 1 to 500' })
  limit?: number;
}
