/** The webhook routes, forwarded to the notifications service. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [WebhooksController],
})
export class WebhooksModule {}
