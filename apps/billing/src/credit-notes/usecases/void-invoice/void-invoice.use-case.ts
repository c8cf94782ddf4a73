/**
 * Voids a finalized invoice that is not paid, with the invoice row locked: it keeps its number (the
 * series stays gapless), its automatic collection is dropped (no more charges or retries), it can no
 * longer be paid, and InvoiceVoided goes out with it. A paid invoice, a draft, or one whose payment
 * is waiting for the provider, or one with credit notes (they already gave credit or money back),
 * answers 409 naming why. The same Idempotency-Key again answers the
 * voided invoice; voiding a voided invoice with another key (or none) is 409.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { invoiceNotFound } from '../../../invoices/invoices.problems';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { Invoice } from '../../../invoices/invoice.row';
import { toMinorUnits } from '../../../money/money';
import { CollectionRepository } from '../../../payments/collection.repository';
import { PaymentRepository } from '../../../payments/payment.repository';
import { CREDIT_NOTE_PROBLEMS } from '../../credit-notes.problems';
import { VoidInvoiceCommand } from './void-invoice.command';

@Injectable()
export class VoidInvoiceUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly collections: CollectionRepository,
    private readonly outbox: OutboxWriter,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: VoidInvoiceCommand): Promise<Invoice> {
    const tenantId = command.tenantId ?? (await this.invoices.findById(command.invoiceId))?.tenantId;
    if (tenantId === undefined) throw invoiceNotFound(command.invoiceId);
    const scope = { ...tenantScope(tenantId), invoiceId: command.invoiceId };

    return this.transactions.run(async (tx) => {
      const invoice = await this.invoices.lock(tx, scope);
      if (!invoice) throw invoiceNotFound(command.invoiceId);
      if (invoice.status === 'voided' && command.idempotencyKey !== undefined && invoice.voidIdempotencyKey === command.idempotencyKey) return invoice;
      const refuse = (why: string) => CREDIT_NOTE_PROBLEMS['invoice-not-voidable'](`Invoice ${invoice.id} cannot be voided: ${why}`, { invoiceId: invoice.id, invoiceStatus: invoice.status, paymentStatus: invoice.paymentStatus });
      if (invoice.status === 'voided') throw refuse('it is voided already');
      if (invoice.status === 'draft') throw refuse('it is a draft (not finalized yet)');
      if (invoice.paymentStatus === 'succeeded') throw refuse('it is paid; issue a credit note instead');
      if ((await this.payments.ofInvoice(scope, tx)).some((p) => p.status === 'pending')) throw refuse('a payment of it is waiting for the provider');
      // Its credit notes already gave the tenant credit or money back: voiding as well would give it twice.
      if ((invoice.creditNotes ?? []).length > 0) throw refuse('credit notes were issued against it');
      const now = this.clock.now();
      await this.invoices.void(tx, scope, now, command.idempotencyKey ?? null);
      await this.collections.drop(tx, scope);
      await this.outbox.publish(tx, 'InvoiceVoided', {
        tenantId, invoiceId: invoice.id, number: invoice.number ?? '', amountMinor: toMinorUnits(invoice.total, invoice.currency), currency: invoice.currency, voidedAt: now.toISOString(),
      });
      return { ...invoice, status: 'voided', voidedAt: now, voidIdempotencyKey: command.idempotencyKey ?? null };
    });
  }
}
