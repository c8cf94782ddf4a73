/** Revenue reporting (MRR, ARR and movements from subscription history) and the tenant billing summary. */
import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { PostgresRevenueRepository } from './postgres-revenue.repository';
import { RevenueController } from './revenue.controller';
import { RevenueRepository } from './revenue.repository';
import { GetBillingSummaryUseCase } from './usecases/get-billing-summary/get-billing-summary.use-case';
import { GetRevenueUseCase } from './usecases/get-revenue/get-revenue.use-case';

@Module({
  imports: [SubscriptionsModule, InvoicesModule],
  controllers: [RevenueController],
  providers: [{ provide: RevenueRepository, useClass: PostgresRevenueRepository }, GetRevenueUseCase, GetBillingSummaryUseCase],
})
export class RevenueModule {}
