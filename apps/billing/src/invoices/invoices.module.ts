/** Invoices: storage, the period calculator the billing run uses, and the read routes. */
import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { UsageModule } from '../usage/usage.module';
import { InvoicePdfController } from './invoice-pdf.controller';
import { InvoiceRepository } from './invoice.repository';
import { InvoicesController } from './invoices.controller';
import { PeriodInvoiceCalculator } from './period-invoice.calculator';
import { PostgresInvoiceRepository } from './postgres-invoice.repository';
import { GetInvoiceUseCase } from './usecases/get-invoice/get-invoice.use-case';
import { ListInvoicesUseCase } from './usecases/list-invoices/list-invoices.use-case';
import { RenderInvoicePdfUseCase } from './usecases/render-invoice-pdf/render-invoice-pdf.use-case';

@Module({
  imports: [CatalogueModule, SubscriptionsModule, UsageModule],
  controllers: [InvoicesController, InvoicePdfController],
  providers: [{ provide: InvoiceRepository, useClass: PostgresInvoiceRepository }, PeriodInvoiceCalculator, GetInvoiceUseCase, ListInvoicesUseCase, RenderInvoicePdfUseCase],
  exports: [InvoiceRepository, PeriodInvoiceCalculator],
})
export class InvoicesModule {}
