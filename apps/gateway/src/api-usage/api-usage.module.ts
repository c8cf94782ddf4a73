/** API usage: calls and bytes per tenant counted in memory and sampled out as ApiUsageSampled events. */
import { Module } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { ApiUsageCounters } from './api-usage-counters';
import { ApiUsageRecorder } from './api-usage.recorder';
import { ApiUsageSampler } from './api-usage.sampler';
import { KnownTenantsRepository } from './known-tenants.repository';
import { PostgresKnownTenantsRepository } from './postgres-known-tenants.repository';
import { TrafficObserver } from './traffic-hooks';
import { PublishApiUsageUseCase } from './usecases/publish-api-usage/publish-api-usage.use-case';

@Module({
  providers: [
    { provide: ApiUsageCounters, useFactory: (clock: Clock) => new ApiUsageCounters(clock.now()), inject: [Clock] },
    TrafficObserver,
    { provide: KnownTenantsRepository, useClass: PostgresKnownTenantsRepository },
    PublishApiUsageUseCase,
    ApiUsageRecorder,
    ApiUsageSampler,
  ],
  exports: [KnownTenantsRepository, TrafficObserver],
})
export class ApiUsageModule {}
