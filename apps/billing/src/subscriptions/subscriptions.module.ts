/** Subscriptions: one per tenant from TenantCreated, plan changes from TenantPlanChanged and the route. */
import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { PostgresSubscriptionRepository } from './postgres-subscription.repository';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionsController } from './subscriptions.controller';
import { TenantLifecycleConsumer } from './tenant-lifecycle.consumer';
import { ChangePlanUseCase } from './usecases/change-plan/change-plan.use-case';
import { GetSubscriptionUseCase } from './usecases/get-subscription/get-subscription.use-case';
import { StartSubscriptionUseCase } from './usecases/start-subscription/start-subscription.use-case';
import { UpdateSubscriptionUseCase } from './usecases/update-subscription/update-subscription.use-case';

@Module({
  imports: [CatalogueModule],
  controllers: [SubscriptionsController],
  providers: [
    { provide: SubscriptionRepository, useClass: PostgresSubscriptionRepository },
    StartSubscriptionUseCase,
    ChangePlanUseCase,
    GetSubscriptionUseCase,
    UpdateSubscriptionUseCase,
    TenantLifecycleConsumer,
  ],
  exports: [SubscriptionRepository],
})
export class SubscriptionsModule {}
