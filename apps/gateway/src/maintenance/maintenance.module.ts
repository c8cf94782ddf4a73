/** The maintenance gate (global: the authentication guard calls it) and the public maintenance routes. */
import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { UpstreamModule } from '../upstream';
import { MaintenanceController } from './maintenance.controller';
import { MaintenanceGate } from './maintenance-gate';

@Global()
@Module({
  imports: [AuthModule, UpstreamModule],
  controllers: [MaintenanceController],
  providers: [MaintenanceGate],
  exports: [MaintenanceGate],
})
export class MaintenanceModule {}
