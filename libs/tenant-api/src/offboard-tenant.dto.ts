/** Query of a tenant offboarding (DELETE): an optional reason, carried on TenantOffboardingStarted (e.g. `abuse`, `non-payment write-off` — health scoring sends no win-back for those). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Optional } from './field-rules';

export class OffboardTenantQueryDto {
  @ApiPropertyOptional({ example: 'customer request', maxLength: 500, description: 'Why the tenant is removed; a reason naming abuse or a write-off means no win-back message later' })
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
