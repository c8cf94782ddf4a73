/** The configuration routes, forwarded to the registry that owns tenants' configuration. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { ConfigurationController } from './configuration.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [ConfigurationController],
})
export class ConfigurationModule {}
