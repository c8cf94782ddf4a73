/** Query of a tenant listing: paging, filters and order. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { TENANT_STATUSES, TenantStatus } from '@tenantry/contracts';
import { Optional } from './field-rules';

export const TENANT_SORTS = ['createdAt', '-createdAt', 'name', '-name'] as const;
export type TenantSort = (typeof TENANT_SORTS)[number];

export class ListTenantsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @Optional()
  @IsString()
  @Length(1, 512)
  cursor?: string;

  @ApiPropertyOptional({ enum: TENANT_STATUSES })
  @Optional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @ApiPropertyOptional({ example: 'starter' })
  @Optional()
  @IsString()
  @Length(1, 64)
  plan?: string;

  @ApiPropertyOptional({ description: 'Search in name, slug and domain', maxLength: 200 })
  @Optional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: TENANT_SORTS, default: 'createdAt' })
  @Optional()
  @IsIn(TENANT_SORTS)
  sort?: TenantSort;
}
