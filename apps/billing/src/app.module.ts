/** The billing application: the chassis plus one module per feature (each provides its own Kafka consumers). */
import { DynamicModule, Module } from '@nestjs/common';
import { ServiceModule } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { CatalogueModule } from './catalogue/catalogue.module';
import { SERVICE } from './service';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  static register(config: BillingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition: SERVICE, config }), CatalogueModule, SubscriptionsModule, UsageModule],
    };
  }
}
