/** GET /audit query and response. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min, ValidateBy } from 'class-validator';

/** The largest audit id (a bigint): a longer cursor would be a database error, not an empty page. */
const MAX_AUDIT_ID = 9_223_372_036_854_775_807n;

function WithinBigint(): PropertyDecorator {
  return ValidateBy({
    name: 'withinBigint',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !/^[0-9]{1,19}$/.test(value) || BigInt(value) <= MAX_AUDIT_ID,
      defaultMessage: () => 'cursor must be a cursor returned by this API',
    },
  });
}

export class AuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'cursor must be a cursor returned by this API' })
  @WithinBigint()
  cursor?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

/** GET /tenants/{id}/audit: the page only (the tenant is the path's). */
export class TenantAuditQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,18}$/, { message: 'cursor must be a cursor returned by this API' })
  @WithinBigint()
  cursor?: string;
}

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The API key that made the call; null when it was not authenticated' }) apiKeyId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) role!: string | null;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({ example: '/api/v1/platform/tenants/:id/suspend' }) route!: string;
  @ApiProperty() path!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) tenantId!: string | null;
  @ApiProperty({ description: "The gateway's request id (the X-Request-Id of its answer)" }) requestId!: string;
  @ApiProperty({ type: 'string', nullable: true, description: "The client's own X-Request-Id when it sent one of up to 128 visible ASCII characters; never used as the request id" })
  correlationId!: string | null;
  @ApiProperty({
    type: 'object',
    nullable: true,
    description: "Set for a call made with an impersonation credential (an RFC 8693 `act`-style claim): `apiKeyId` is then the acting person's key and `role` the impersonated tenant admin's",
    properties: { impersonationId: { type: 'string', format: 'uuid' }, actorKeyId: { type: 'string', format: 'uuid' }, actorRole: { type: 'string' } },
  })
  act!: { impersonationId: string; actorKeyId: string | null; actorRole: string | null } | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' }) items!: AuditEntryDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor!: string | null;
}
