/** The billing application: the chassis plus one module per feature (each provides its own Kafka consumers). */
import { DynamicModule, Module } from '@nestjs/common';
import { Clock, ServiceModule } from '@tenantry/service';
import { BillingConfig } from './billing.config';
import { BillingRunsModule } from './billing-runs/billing-runs.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { CreditNotesModule } from './credit-notes/credit-notes.module';
import { DunningModule } from './dunning/dunning.module';
import { InvoicesModule } from './invoices/invoices.module';
import { PaymentsModule } from './payments/payments.module';
import { RevenueModule } from './revenue/revenue.module';
import { SERVICE } from './service';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  /** `options`: an in-process test's ManualClock and a schema of its own (defaults: the system clock, schema billing). */
  static register(config: BillingConfig, options: { clock?: Clock; schema?: string } = {}): DynamicModule {
    const definition = options.schema ? { ...SERVICE, schema: options.schema } : SERVICE;
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot({ definition, config, clock: options.clock }), CatalogueModule, SubscriptionsModule, UsageModule, InvoicesModule, BillingRunsModule, PaymentsModule, DunningModule, CreditNotesModule, RevenueModule],
    };
  }
}
