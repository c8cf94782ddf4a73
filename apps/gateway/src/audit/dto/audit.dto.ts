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
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto], description: 'Newest first' }) items!: AuditEntryDto[];
  @ApiProperty({ type: 'string', nullable: true }) nextCursor!: string | null;
}
