/** Payments: payment methods (tokenized at the provider), charging invoices (on request and by automatic collection with retries), and the provider's signed callbacks that settle them. The provider is the sandbox (PAYMENT_PROVIDER). */
import { Module } from '@nestjs/common';
import { DunningModule } from '../dunning/dunning.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { CollectionRepository } from './collection.repository';
import { PaymentCollectionScheduler } from './payment-collection.scheduler';
import { PaymentProvider } from './payment-provider';
import { PaymentRepository } from './payment.repository';
import { PaymentsController } from './payments.controller';
import { PostgresCollectionRepository } from './postgres-collection.repository';
import { PostgresPaymentRepository } from './postgres-payment.repository';
import { ProviderCallbacksController } from './provider-callbacks.controller';
import { SandboxPaymentProvider } from './sandbox-payment-provider';
import { AttachPaymentMethodUseCase } from './usecases/attach-payment-method/attach-payment-method.use-case';
import { CollectPaymentsUseCase } from './usecases/collect-payments/collect-payments.use-case';
import { DetachPaymentMethodUseCase } from './usecases/detach-payment-method/detach-payment-method.use-case';
import { ListPaymentMethodsUseCase } from './usecases/list-payment-methods/list-payment-methods.use-case';
import { MakeDefaultPaymentMethodUseCase } from './usecases/make-default-payment-method/make-default-payment-method.use-case';
import { PayInvoiceUseCase } from './usecases/pay-invoice/pay-invoice.use-case';
import { ReceiveProviderCallbackUseCase } from './usecases/receive-provider-callback/receive-provider-callback.use-case';
import { SettlePaymentUseCase } from './usecases/settle-payment/settle-payment.use-case';

@Module({
  imports: [InvoicesModule, DunningModule],
  controllers: [PaymentsController, ProviderCallbacksController],
  providers: [
    { provide: PaymentRepository, useClass: PostgresPaymentRepository },
    { provide: CollectionRepository, useClass: PostgresCollectionRepository },
    { provide: PaymentProvider, useClass: SandboxPaymentProvider },
    PaymentCollectionScheduler,
    CollectPaymentsUseCase,
    ReceiveProviderCallbackUseCase,
    AttachPaymentMethodUseCase,
    ListPaymentMethodsUseCase,
    DetachPaymentMethodUseCase,
    MakeDefaultPaymentMethodUseCase,
    PayInvoiceUseCase,
    SettlePaymentUseCase,
  ],
  exports: [PaymentRepository, CollectionRepository, PaymentProvider, PayInvoiceUseCase],
})
export class PaymentsModule {}
