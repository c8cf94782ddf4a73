/** Billing runs: invoices for ended periods, recompute-and-diff of drafts, finalization after the grace window. */
import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentsModule } from '../payments/payments.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { UsageModule } from '../usage/usage.module';
import { BillingRunRepository } from './billing-run.repository';
import { BillingRunScheduler } from './billing-run.scheduler';
import { BillingRunsController } from './billing-runs.controller';
import { PostgresBillingRunRepository } from './postgres-billing-run.repository';
import { CloseEndedPeriodsUseCase } from './usecases/close-ended-periods/close-ended-periods.use-case';
import { GetBillingRunUseCase } from './usecases/get-billing-run/get-billing-run.use-case';
import { RunBillingUseCase } from './usecases/run-billing/run-billing.use-case';
import { SettleInvoiceUseCase } from './usecases/settle-invoice/settle-invoice.use-case';
import { StartBillingRunUseCase } from './usecases/start-billing-run/start-billing-run.use-case';

@Module({
  imports: [SubscriptionsModule, UsageModule, InvoicesModule, PaymentsModule],
  controllers: [BillingRunsController],
  providers: [
    { provide: BillingRunRepository, useClass: PostgresBillingRunRepository },
    SettleInvoiceUseCase,
    CloseEndedPeriodsUseCase,
    RunBillingUseCase,
    StartBillingRunUseCase,
    GetBillingRunUseCase,
    BillingRunScheduler,
  ],
})
export class BillingRunsModule {}
