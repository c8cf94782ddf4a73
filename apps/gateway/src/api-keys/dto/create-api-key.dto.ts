/** POST /api-keys body. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, isUUID, Length, Matches, registerDecorator } from 'class-validator';
import { ROLES, Role } from '../../auth';

/** A tenant-admin key is bound to exactly one tenant; no other role is bound to any. */
function TenantIdMatchesRole(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'tenantIdMatchesRole',
      target: target.constructor,
      propertyName: property as string,
      options: { message: 'tenantId must be a UUID for the tenant-admin role, and absent for every other role' },
      validator: {
        validate: (value: unknown, args) => ((args?.object as CreateApiKeyDto).role === 'tenant-admin' ? typeof value === 'string' && isUUID(value) : value === undefined),
      },
    });
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'billing-sync', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: '$property must not be blank' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, the tenant-admin role' })
  @TenantIdMatchesRole()
  tenantId?: string;
}
