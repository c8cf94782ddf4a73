/** Response shapes of the tenant routes, for the OpenAPI document (the registry and provisioning own them). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SAGA_STEP_NAMES, TENANT_STATUSES } from '@tenantry/contracts';

class TenantDomainView {
  @ApiProperty({ enum: ['subdomain', 'custom'] }) type!: string;
  @ApiProperty() value!: string;
  @ApiProperty() hostname!: string;
  @ApiProperty() ssl!: boolean;
}

class TenantPlanView {
  @ApiProperty() id!: string;
  @ApiProperty() trial!: boolean;
  @ApiPropertyOptional() duration?: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) trialEndsAt!: string | null;
}

class TenantConfigurationView {
  @ApiProperty() theme!: string;
  @ApiProperty() language!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty() currency!: string;
}

class TenantResourcesView {
  @ApiProperty() storage!: number;
  @ApiProperty() bandwidth!: number;
  @ApiProperty() users!: number;
}

export class TenantViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status!: string;
  @ApiProperty({ type: 'string', nullable: true }) statusReason!: string | null;
  @ApiProperty({ type: TenantDomainView }) domain!: TenantDomainView;
  @ApiProperty({ type: TenantPlanView }) plan!: TenantPlanView;
  @ApiProperty({ format: 'email' }) adminEmail!: string;
  @ApiProperty({ type: TenantConfigurationView }) configuration!: TenantConfigurationView;
  @ApiProperty({ type: TenantResourcesView }) resources!: TenantResourcesView;
  @ApiProperty({ description: 'Bumps on every change; the ETag is W/"<version>"' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TenantPageDto {
  @ApiProperty({ type: [TenantViewDto] }) items!: TenantViewDto[];
  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page' }) nextCursor!: string | null;
}

class TransitionView {
  @ApiProperty({ type: 'string', nullable: true }) from!: string | null;
  @ApiProperty() to!: string;
  @ApiProperty({ type: 'string', nullable: true }) reason!: string | null;
  @ApiProperty() actor!: string;
  @ApiProperty({ type: 'string', nullable: true }) requestId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TenantHistoryDto {
  @ApiProperty({ type: [TransitionView], description: 'Oldest first' }) items!: TransitionView[];
}

class SagaStepView {
  @ApiProperty({ enum: SAGA_STEP_NAMES }) name!: string;
  @ApiProperty({ enum: ['pending', 'running', 'succeeded', 'failed', 'compensated', 'waiting'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: 'string', nullable: true }) error!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) detail?: Record<string, unknown>;
}

export class ProvisioningSagaDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ enum: ['provision', 'offboard'] }) kind!: string;
  @ApiProperty({ enum: ['running', 'succeeded', 'failed', 'compensated'] }) status!: string;
  @ApiProperty({ type: [SagaStepView] }) steps!: SagaStepView[];
}

export class TenantExportDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty() archiveUri!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) retainedUntil!: string;
}

export class DomainVerificationDto {
  @ApiProperty() verified!: boolean;
}
