/** Body of POST /internal/v1/tenants/:id/suspend. */
import { IsString, Length } from 'class-validator';
import { Optional } from './tenant-fields.dto';

export class SuspendTenantDto {
  @Optional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
