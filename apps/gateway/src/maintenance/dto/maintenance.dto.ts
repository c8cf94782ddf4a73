/** OpenAPI shapes of the maintenance routes (documentation only: the registry validates the body and names bad fields). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScheduleMaintenanceDto {
  @ApiProperty({ enum: ['global', 'plan', 'tenant'] }) scope!: string;
  @ApiPropertyOptional({ description: 'With scope plan' }) planId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'With scope tenant' }) tenantId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Scheduled start (not with emergency)' }) startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'End; or durationSeconds' }) endsAt?: string;
  @ApiPropertyOptional({ description: 'Length in seconds from the start; or endsAt' }) durationSeconds?: number;
  @ApiPropertyOptional({ description: 'Start now', default: false }) emergency?: boolean;
  @ApiProperty({ maxLength: 500 }) reason!: string;
}

export class MaintenanceViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['global', 'plan', 'tenant'] }) scope!: string;
  @ApiPropertyOptional({ nullable: true }) planId!: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) tenantId!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() emergency!: boolean;
  @ApiProperty({ enum: ['scheduled', 'active', 'ended', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty() actor!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'The bulk job that scheduled it' }) bulkJobId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MaintenanceListDto {
  @ApiProperty({ type: [MaintenanceViewDto], description: 'Active and scheduled windows, soonest first' }) items!: MaintenanceViewDto[];
  @ApiProperty({ format: 'date-time', description: "The registry's time" }) now!: string;
}
