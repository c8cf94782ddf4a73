/**
 * The PDF of a finalized (or voided) invoice, under the tenant's name from its billing account;
 * 404 invoice-not-found for an unknown id or another tenant's, 409 invoice-not-finalized for a draft.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { SubscriptionRepository } from '../../../subscriptions/subscription.repository';
import { renderInvoicePdf } from '../../invoice-pdf';
import { InvoiceRepository } from '../../invoice.repository';
import { invoiceNotFinalized, invoiceNotFound } from '../../invoices.problems';
import { RenderInvoicePdfCommand } from './render-invoice-pdf.command';

@Injectable()
export class RenderInvoicePdfUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  async execute(command: RenderInvoicePdfCommand): Promise<{ number: string; pdf: Buffer }> {
    const invoice =
      command.tenantId === undefined ? await this.invoices.findById(command.invoiceId) : await this.invoices.find({ ...tenantScope(command.tenantId), invoiceId: command.invoiceId });
    if (!invoice) throw invoiceNotFound(command.invoiceId);
    if (invoice.status === 'draft' || !invoice.number) throw invoiceNotFinalized(command.invoiceId);
    const subscription = await this.subscriptions.find(tenantScope(invoice.tenantId));
    const brandName = subscription?.account.name ?? invoice.tenantId;
    return { number: invoice.number, pdf: await renderInvoicePdf({ brandName, invoice }) };
  }
}
