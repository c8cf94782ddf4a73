/** Invoice corrections: voiding finalized, unpaid invoices and credit notes (a credit for the next invoices, or a refund through the payment provider). */
import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentsModule } from '../payments/payments.module';
import { CreditNoteRepository } from './credit-note.repository';
import { CreditNotesController } from './credit-notes.controller';
import { PostgresCreditNoteRepository } from './postgres-credit-note.repository';
import { IssueCreditNoteUseCase } from './usecases/issue-credit-note/issue-credit-note.use-case';
import { ListCreditNotesUseCase } from './usecases/list-credit-notes/list-credit-notes.use-case';
import { VoidInvoiceUseCase } from './usecases/void-invoice/void-invoice.use-case';

@Module({
  imports: [InvoicesModule, PaymentsModule],
  controllers: [CreditNotesController],
  providers: [{ provide: CreditNoteRepository, useClass: PostgresCreditNoteRepository }, IssueCreditNoteUseCase, ListCreditNotesUseCase, VoidInvoiceUseCase],
})
export class CreditNotesModule {}
