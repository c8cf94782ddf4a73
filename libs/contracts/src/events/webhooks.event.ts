/** Payloads of the webhook half of notifications (topic tenantry.notifications.v1). */
import { IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';

export class WebhookEndpointDisabledPayload {
  /** The endpoint's tenant; absent for a platform-wide endpoint. */
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @IsUUID()
  endpointId!: string;

  @IsString()
  url!: string;

  @IsString()
  reason!: string;

  /** When its deliveries started failing without a success since. */
  @IsISO8601()
  failingSince!: string;

  @IsISO8601()
  disabledAt!: string;
}
