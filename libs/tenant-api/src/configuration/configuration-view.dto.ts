/** What the configuration routes answer (registry and gateway), for OpenAPI. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const DOCUMENT = { type: 'object', additionalProperties: true } as const;

export class ConfigurationViewDto {
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ minimum: 1, description: 'The configuration version; also the ETag W/"<version>"' }) version!: number;
  @ApiProperty({ ...DOCUMENT, description: 'The effective configuration: plan defaults under the tenant overrides, secrets masked, the read-only `limits` from the limits API' })
  configuration!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['plan-default', 'tenant', 'limits'] }, description: 'Dotted path of each value → where it came from' })
  sources!: Record<string, string>;
  @ApiProperty({ ...DOCUMENT, description: 'Only what the tenant overrides (secrets masked)' }) overrides!: Record<string, unknown>;
  @ApiProperty({ description: 'Who made this version (the API key id, or `system`)' }) changedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why' }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class ConfigurationChangeDto {
  @ApiProperty({ example: 'branding.primaryColor' }) path!: string;
  @ApiProperty({ nullable: true, description: 'null when absent; a secret shows as ********' }) before!: unknown;
  @ApiProperty({ nullable: true }) after!: unknown;
}

export class ConfigurationVersionDto {
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ ...DOCUMENT, description: 'What the tenant overrode in this version (secrets masked)' }) overrides!: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'Paths changed from the previous version' }) changedPaths!: string[];
  @ApiProperty() changedBy!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) reason!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Set when this version is a rollback: the version restored' }) rolledBackTo!: number | null;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
}

export class ConfigurationVersionPageDto {
  @ApiProperty({ type: [ConfigurationVersionDto], description: 'Newest first' }) items!: ConfigurationVersionDto[];
}

export class ConfigurationDiffDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: [ConfigurationChangeDto] }) changes!: ConfigurationChangeDto[];
}

export class ConfigurationPreviewDto {
  @ApiProperty({ description: 'true: nothing was stored' }) dryRun!: boolean;
  @ApiProperty({ description: 'The version this change was computed against' }) version!: number;
  @ApiProperty({ type: [ConfigurationChangeDto] }) changes!: ConfigurationChangeDto[];
}

export class RollbackConfigurationDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 500, description: 'Why (or the `reason` query parameter)' }) reason?: string;
}
