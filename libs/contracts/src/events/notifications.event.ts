/** Payloads of notification delivery outcomes (topic tenantry.notifications.v1). */
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Min } from 'class-validator';

export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;

export class NotificationDeliveredPayload {
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @IsUUID()
  notificationId!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: (typeof NOTIFICATION_CHANNELS)[number];

  @IsISO8601()
  deliveredAt!: string;
}

export class NotificationFailedPayload {
  @IsOptional()
  @IsUUID()
  tenantId?: string;

  @IsUUID()
  notificationId!: string;

  @IsIn(NOTIFICATION_CHANNELS)
  channel!: (typeof NOTIFICATION_CHANNELS)[number];

  @IsString()
  reason!: string;

  @IsInt()
  @Min(1)
  attempts!: number;

  @IsISO8601()
  at!: string;
}
