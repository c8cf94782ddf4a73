/**
 * TenantView, the representation of a tenant everywhere (docs/internal-api.md): the registry maps its
 * tenant to it and the gateway documents it in the public OpenAPI, so the two cannot drift apart.
 */
import { ApiProperty } from '@nestjs/swagger';
import { DOMAIN_TYPES, DomainType, TENANT_STATUSES, TenantStatus } from '@tenantry/contracts';

export class TenantDomainView {
  @ApiProperty({ enum: DOMAIN_TYPES }) type!: DomainType;
  @ApiProperty() value!: string;
  @ApiProperty() hostname!: string;
  @ApiProperty() ssl!: boolean;
}

export class TenantPlanView {
  @ApiProperty() id!: string;
  @ApiProperty() trial!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Trial length in days; null without a trial length' }) duration!: number | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) trialEndsAt!: string | null;
}

export class TenantConfigurationView {
  @ApiProperty() theme!: string;
  @ApiProperty() language!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty() currency!: string;
}

export class TenantResourcesView {
  @ApiProperty() storage!: number;
  @ApiProperty() bandwidth!: number;
  @ApiProperty() users!: number;
}

export class TenantViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TENANT_STATUSES }) status!: TenantStatus;
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

export class TransitionView {
  @ApiProperty({ type: 'string', nullable: true }) from!: TenantStatus | null;
  @ApiProperty({ type: 'string' }) to!: TenantStatus;
  @ApiProperty({ type: 'string', nullable: true }) reason!: string | null;
  @ApiProperty({ description: 'Who made the change: `key:<api-key-id>` (from the internal token), `system` or `provisioning`' }) actor!: string;
  @ApiProperty({ type: 'string', nullable: true, description: "The gateway's request id of the call that made the change" }) requestId!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: "The client's own X-Request-Id of that call, for correlation only" }) correlationId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class TenantHistoryDto {
  @ApiProperty({ type: [TransitionView], description: 'Oldest first' }) items!: TransitionView[];
}
