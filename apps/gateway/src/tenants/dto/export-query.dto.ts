/** GET /tenants/{id}/export query. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Optional } from '@tenantry/tenant-api';

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true` streams the archive (application/gzip)' })
  @Optional()
  @IsIn(['true', 'false'])
  download?: 'true' | 'false';
}

export class ProvisioningQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '`true` lists every saga instead of the latest' })
  @Optional()
  @IsIn(['true', 'false'])
  all?: 'true' | 'false';
}
