/** An invoice's credit notes and what it has left to credit, or 404 invoice-not-found (also when it belongs to another tenant than the one named). */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { invoiceNotFound } from '../../../invoices/invoices.problems';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { decimal, formatMoney } from '../../../money/money';
import { CreditNoteRepository } from '../../credit-note.repository';
import { CreditNote } from '../../credit-note.row';
import { ListCreditNotesCommand } from './list-credit-notes.command';

@Injectable()
export class ListCreditNotesUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
  ) {}

  async execute(command: ListCreditNotesCommand): Promise<{ creditNotes: CreditNote[]; remainingCreditable: string }> {
    const invoice = command.tenantId === undefined ? await this.invoices.findById(command.invoiceId) : await this.invoices.find({ ...tenantScope(command.tenantId), invoiceId: command.invoiceId });
    if (!invoice) throw invoiceNotFound(command.invoiceId);
    const creditNotes = await this.creditNotes.ofInvoice({ ...tenantScope(invoice.tenantId), invoiceId: invoice.id });
    const remaining = invoice.status === 'finalized' ? creditNotes.reduce((left, n) => left.minus(n.amount), decimal(invoice.total)) : decimal(0);
    return { creditNotes, remainingCreditable: formatMoney(remaining, invoice.currency) };
  }
}
