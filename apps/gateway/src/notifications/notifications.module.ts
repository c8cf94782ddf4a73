/** The notification routes, forwarded to the notifications service (and the keyless unsubscribe link). */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { NotificationsController } from './notifications.controller';
import { UnsubscribeController } from './unsubscribe.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [NotificationsController, UnsubscribeController],
})
export class NotificationsModule {}
