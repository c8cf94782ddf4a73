/** POST /tenants/{id}/impersonations body and the impersonation as the API shows it. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export const DEFAULT_IMPERSONATION_MINUTES = 15;
export const MAX_IMPERSONATION_MINUTES = 60;

export class CreateImpersonationDto {
  @ApiProperty({ minLength: 1, maxLength: 500, example: 'Ticket #4711: the customer cannot see its invoices' })
  @IsDefined({ message: 'reason is required' })
  @IsString()
  @Length(1, 500)
  reason!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_IMPERSONATION_MINUTES, default: DEFAULT_IMPERSONATION_MINUTES })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_IMPERSONATION_MINUTES)
  ttlMinutes?: number;

  @ApiPropertyOptional({ default: false, description: 'Write access; only a platform-admin may ask for it' })
  @IsOptional()
  @IsBoolean()
  write?: boolean;
}

export class ImpersonationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenantId!: string;
  @ApiProperty({ format: 'uuid', description: 'The key of the person acting' }) actorKeyId!: string;
  @ApiProperty({ enum: ['platform-admin', 'support'] }) actorRole!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() write!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class CreatedImpersonationDto extends ImpersonationDto {
  @ApiProperty({ description: 'The credential (`imp_…`), shown once: send it as `Authorization: Bearer <token>`; it acts as the tenant admin' }) token!: string;
}

export class ImpersonationListDto {
  @ApiProperty({ type: [ImpersonationDto], description: 'Newest first' }) items!: ImpersonationDto[];
}
