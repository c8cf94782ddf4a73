/** Payments: payment methods (tokenized at the provider), charging invoices, and the provider's settlements. The provider is the sandbox (PAYMENT_PROVIDER). */
import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentProvider } from './payment-provider';
import { PaymentRepository } from './payment.repository';
import { PaymentSettlementsListener } from './payment-settlements.listener';
import { PaymentsController } from './payments.controller';
import { PostgresPaymentRepository } from './postgres-payment.repository';
import { SandboxPaymentProvider } from './sandbox-payment-provider';
import { AttachPaymentMethodUseCase } from './usecases/attach-payment-method/attach-payment-method.use-case';
import { DetachPaymentMethodUseCase } from './usecases/detach-payment-method/detach-payment-method.use-case';
import { ListPaymentMethodsUseCase } from './usecases/list-payment-methods/list-payment-methods.use-case';
import { PayInvoiceUseCase } from './usecases/pay-invoice/pay-invoice.use-case';
import { SettlePaymentUseCase } from './usecases/settle-payment/settle-payment.use-case';

@Module({
  imports: [InvoicesModule],
  controllers: [PaymentsController],
  providers: [
    { provide: PaymentRepository, useClass: PostgresPaymentRepository },
    { provide: PaymentProvider, useClass: SandboxPaymentProvider },
    PaymentSettlementsListener,
    AttachPaymentMethodUseCase,
    ListPaymentMethodsUseCase,
    DetachPaymentMethodUseCase,
    PayInvoiceUseCase,
    SettlePaymentUseCase,
  ],
  exports: [PaymentRepository, PayInvoiceUseCase],
})
export class PaymentsModule {}
