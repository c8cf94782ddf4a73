/** Payloads of the gateway's operational events (topic tenantry.gateway.operations.v1). */
import { IsArray, IsISO8601, IsString, IsUUID, Length } from 'class-validator';

export class MaintenanceScheduledPayload {
  @IsUUID()
  maintenanceId!: string;

  /** Tenants affected; empty means the whole platform. */
  @IsArray()
  @IsUUID('all', { each: true })
  tenantIds!: string[];

  @IsISO8601()
  startsAt!: string;

  @IsISO8601()
  endsAt!: string;

  @IsString()
  @Length(1, 500)
  reason!: string;
}
