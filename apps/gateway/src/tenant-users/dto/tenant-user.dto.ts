/** The tenant users routes' bodies and answers (the users live in the tenant's own database; provisioning answers). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, MaxLength } from 'class-validator';
import { TENANT_USER_ROLES } from '@tenantry/contracts';

export class InviteTenantUserDto {
  @ApiProperty({ format: 'email', example: 'ann@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ enum: TENANT_USER_ROLES, default: 'member' })
  @IsOptional()
  @IsIn(TENANT_USER_ROLES as unknown as string[])
  role?: string;
}

export class TenantUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: TENANT_USER_ROLES }) role!: string;
  @ApiProperty({ enum: ['invited', 'active', 'disabled'] }) status!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'Until when the invitation link works (invited users)' }) invitationExpiresAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: "The last recorded sign-in (metering's active_users counts these)" }) lastLoginAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class TenantUserListDto {
  @ApiProperty({ type: [TenantUserDto], description: 'Oldest first' }) users!: TenantUserDto[];
}
