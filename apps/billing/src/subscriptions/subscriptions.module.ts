/** Subscriptions: one per tenant from TenantCreated, plan changes from TenantPlanChanged and the route. */
import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { PostgresSubscriptionRepository } from './postgres-subscription.repository';
import { SubscriptionRepository } from './subscription.repository';
import { SubscriptionsController } from './subscriptions.controller';
import { TenantLifecycleConsumer } from './tenant-lifecycle.consumer';
import { TrialEndScheduler } from './trial-end.scheduler';
import { EndTrialsUseCase } from './usecases/end-trials/end-trials.use-case';
import { NotifyEndingTrialsUseCase } from './usecases/notify-ending-trials/notify-ending-trials.use-case';
import { ChangePlanUseCase } from './usecases/change-plan/change-plan.use-case';
import { RecordLifecycleUseCase } from './usecases/record-lifecycle/record-lifecycle.use-case';
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
    RecordLifecycleUseCase,
    GetSubscriptionUseCase,
    UpdateSubscriptionUseCase,
    TenantLifecycleConsumer,
    EndTrialsUseCase,
    NotifyEndingTrialsUseCase,
    TrialEndScheduler,
  ],
  exports: [SubscriptionRepository, EndTrialsUseCase],
})
export class SubscriptionsModule {}
