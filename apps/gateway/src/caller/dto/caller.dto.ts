/** The calling key as GET /me shows it. */
import { ApiProperty } from '@nestjs/swagger';
import { OPERATIONS, ROLES, Role } from '../../auth';

export class CallerOperationDto {
  @ApiProperty({ enum: Object.keys(OPERATIONS), description: 'An operationId of this API' }) operation!: string;
  @ApiProperty({ enum: ['any', 'own'], description: '`any`: on every tenant; `own`: on the key\'s own tenant only' }) grant!: 'any' | 'own';
}

export class CallerDto {
  @ApiProperty({ format: 'uuid', description: 'The id of the key making the call' }) keyId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The tenant a tenant-admin key is bound to; null for platform roles' }) tenantId!: string | null;
  @ApiProperty({ type: [CallerOperationDto], description: 'Every operation the key\'s role may call' }) operations!: CallerOperationDto[];
}
