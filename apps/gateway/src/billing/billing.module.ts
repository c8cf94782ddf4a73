/** The billing routes, forwarded to the billing service. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { BillingController } from './billing.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [BillingController],
})
export class BillingModule {}
