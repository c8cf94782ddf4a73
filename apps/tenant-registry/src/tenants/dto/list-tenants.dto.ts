/** Query of GET /internal/v1/tenants. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { TENANT_STATUSES, TenantStatus } from '@tenantry/contracts';
import { TENANT_SORTS, TenantSort } from '../tenant.repository';
import { Optional } from './tenant-fields.dto';

export class ListTenantsDto {
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @Optional()
  @IsString()
  @Length(1, 512)
  cursor?: string;

  @Optional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  @Optional()
  @IsString()
  @Length(1, 64)
  plan?: string;

  @Optional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @Optional()
  @IsIn(TENANT_SORTS)
  sort?: TenantSort;
}
