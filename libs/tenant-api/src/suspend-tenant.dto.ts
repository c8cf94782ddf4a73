/** Body of a tenant suspension: an optional reason. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from './field-rules';

export class SuspendTenantDto {
  @ApiPropertyOptional({ example: 'Unpaid invoices', maxLength: 500 })
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
