/** A tenant's invoices (only that tenant's: the query names it), newest period first. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { InvoiceRepository } from '../../invoice.repository';
import { Invoice } from '../../invoice.row';
import { ListInvoicesCommand } from './list-invoices.command';

@Injectable()
export class ListInvoicesUseCase {
  constructor(private readonly invoices: InvoiceRepository) {}

  execute(command: ListInvoicesCommand): Promise<Invoice[]> {
    return this.invoices.list({ ...tenantScope(command.tenantId), status: command.status, limit: command.limit });
  }
}
