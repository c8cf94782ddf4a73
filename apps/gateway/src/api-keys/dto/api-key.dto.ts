/** API keys as the API shows them: never the secret, except once at creation. */
import { ApiProperty } from '@nestjs/swagger';
import { REVOCATION_REASONS, RevocationReason, ROLES, Role } from '../../auth';

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'To recognise a generated key: its fixed `tnt_` and its first few random characters, never enough to use it. Null for a key whose secret a human chose (the configured bootstrap admin key): nothing of it is shown.',
    example: 'tnt_q2V9',
  })
  prefix!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) tenantId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastUsedAt!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({
    type: 'string',
    enum: REVOCATION_REASONS,
    nullable: true,
    description: 'Why the key stopped working: `revoked` by an admin, or `tenant-deleted` (every key of a tenant is revoked when the tenant is deleted). Null while active.',
  })
  revokedReason!: RevocationReason | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The secret: shown this once, stored only as a hash' }) key!: string;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}
