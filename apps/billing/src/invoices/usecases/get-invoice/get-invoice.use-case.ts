/** One invoice with its lines, or 404 invoice-not-found (also when it belongs to another tenant than the one named). */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { invoiceNotFound } from '../../invoices.problems';
import { InvoiceRepository } from '../../invoice.repository';
import { Invoice } from '../../invoice.row';
import { GetInvoiceCommand } from './get-invoice.command';

@Injectable()
export class GetInvoiceUseCase {
  constructor(private readonly invoices: InvoiceRepository) {}

  async execute(command: GetInvoiceCommand): Promise<Invoice> {
    const found = command.tenantId === undefined ? await this.invoices.findById(command.invoiceId) : await this.invoices.find({ ...tenantScope(command.tenantId), invoiceId: command.invoiceId });
    if (!found) throw invoiceNotFound(command.invoiceId);
    return found;
  }
}
