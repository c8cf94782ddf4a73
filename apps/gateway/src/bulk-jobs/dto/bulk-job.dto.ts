/**
 * OpenAPI shapes of the bulk-job routes. Documentation only: the handler takes the body as sent and
 * the registry validates it (400 naming `selection.filter.status`, `action.type`, ...), so the rules live in one place.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class BulkFilterDto {
  @ApiPropertyOptional({ description: 'As on GET /tenants', example: 'active' })
  status?: string;

  @ApiPropertyOptional({ description: 'Plan id', example: 'starter' })
  plan?: string;

  @ApiPropertyOptional({ description: 'Search in name and domain', example: 'acme' })
  q?: string;
}

export class BulkSelectionDto {
  @ApiPropertyOptional({ type: BulkFilterDto, description: 'Every tenant GET /tenants would list with this filter (at most BULK_JOB_MAX_TENANTS)' })
  filter?: BulkFilterDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'An explicit list (at most BULK_JOB_MAX_TENANTS); exactly one of filter and tenantIds' })
  tenantIds?: string[];
}

export class BulkActionDto {
  @ApiProperty({ enum: ['change-plan', 'set-limits', 'suspend', 'reactivate', 'patch-configuration', 'schedule-maintenance', 'notify-admins'] })
  type!: string;

  @ApiPropertyOptional({ description: 'change-plan: the plan id' })
  plan?: string;

  @ApiPropertyOptional({ description: 'set-limits: a limits body as on PUT /tenants/{id}/limits', type: Object })
  limits?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'suspend: the reason; schedule-maintenance: the reason shown to callers' })
  reason?: string;

  @ApiPropertyOptional({ description: "patch-configuration: an RFC 7396 JSON merge patch over the tenant's configuration", type: Object, example: { theme: 'dark' } })
  patch?: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'date-time', description: 'schedule-maintenance: start (left out: now, an emergency)' })
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'schedule-maintenance: end' })
  endsAt?: string;

  @ApiPropertyOptional({ description: 'notify-admins: subject' })
  subject?: string;

  @ApiPropertyOptional({ description: 'notify-admins: message' })
  message?: string;
}

export class StartBulkJobDto {
  @ApiProperty({ type: BulkSelectionDto })
  selection!: BulkSelectionDto;

  @ApiProperty({ type: BulkActionDto })
  action!: BulkActionDto;

  @ApiPropertyOptional({ description: 'Answer per tenant what would change, change nothing', default: false })
  dryRun?: boolean;
}

class BulkProgressDto {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({ description: 'succeeded + failed + cancelled' }) done!: number;
}

class BulkItemDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'What changed' }) result!: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'The problem (type, title, status, detail)' }) error!: Record<string, unknown> | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) at!: string | null;
}

export class BulkJobViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running', 'completed', 'cancelled'] }) status!: string;
  @ApiProperty({ type: BulkActionDto }) action!: BulkActionDto;
  @ApiProperty({ type: BulkSelectionDto }) selection!: BulkSelectionDto;
  @ApiProperty({ description: 'Who started it (key:<id>)' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: BulkProgressDto }) progress!: BulkProgressDto;
  @ApiPropertyOptional({ type: [BulkItemDto], description: 'Per tenant (GET only)' }) items?: BulkItemDto[];
}

class DryRunItemDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() wouldSucceed!: boolean;
  @ApiPropertyOptional({ type: Object }) result?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object }) error?: Record<string, unknown>;
}

export class BulkDryRunDto {
  @ApiProperty({ enum: [true] }) dryRun!: true;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [DryRunItemDto] }) items!: DryRunItemDto[];
}
