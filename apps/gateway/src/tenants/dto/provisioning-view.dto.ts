/** Response shapes of provisioning's tenant routes, for the OpenAPI document (provisioning owns them; the tenant views are in libs/tenant-api). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SAGA_STEP_NAMES } from '@tenantry/contracts';

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
  @ApiProperty({ format: 'uuid' }) exportId!: string;
  @ApiProperty({ description: 'Opaque name of the archive (`urn:tenantry:export:<exportId>`), never a location; `download=true` streams it', example: 'urn:tenantry:export:4d32240b-b167-41e7-80b8-f05ef7ca7399' })
  archiveUri!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) retainedUntil!: string;
}

export class DomainVerificationDto {
  @ApiProperty() verified!: boolean;
}
