/** The lifecycle-journey routes (onboarding, retention check-ins, offboarding feedback), forwarded to health scoring. */
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth';
import { TenantStatusModule } from '../tenant-status';
import { UpstreamModule } from '../upstream';
import { JourneysController } from './journeys.controller';

@Module({
  imports: [AuthModule, UpstreamModule, TenantStatusModule],
  controllers: [JourneysController],
})
export class JourneysModule {}
