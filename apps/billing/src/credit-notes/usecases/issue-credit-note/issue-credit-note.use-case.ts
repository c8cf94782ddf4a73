/**
 * Issues a credit note against a finalized invoice, with the invoice row locked: an Idempotency-Key
 * the tenant used before answers that credit note again (for another invoice: 422); otherwise the
 * amount must be positive, in the currency's minor unit and at most what the invoice has left to
 * credit (total less earlier credit notes) — else a problem naming `amount`, and nothing changes. The
 * note takes the next gapless CN- number and CreditNoteIssued goes out with it. A `credit` note is a
 * balance the tenant's next invoices use up (PeriodInvoiceCalculator); a `refund` note (a paid invoice
 * only) is handed to the payment provider after commit, with the credit note's id as the provider's
 * idempotency key — a retry, or the same Idempotency-Key again, never refunds twice.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { TenantScope, tenantScope, Transactions } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { invoiceNotFound } from '../../../invoices/invoices.problems';
import { InvoiceRepository } from '../../../invoices/invoice.repository';
import { decimal, formatMoney, minorDigits, toMinorUnits } from '../../../money/money';
import { PaymentProvider } from '../../../payments/payment-provider';
import { PaymentRepository } from '../../../payments/payment.repository';
import { CreditNoteRepository } from '../../credit-note.repository';
import { CreditNote } from '../../credit-note.row';
import { CREDIT_NOTE_PROBLEMS } from '../../credit-notes.problems';
import { IssueCreditNoteCommand } from './issue-credit-note.command';

@Injectable()
export class IssueCreditNoteUseCase {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly creditNotes: CreditNoteRepository,
    private readonly payments: PaymentRepository,
    private readonly provider: PaymentProvider,
    private readonly outbox: OutboxWriter,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: IssueCreditNoteCommand): Promise<{ creditNote: CreditNote; created: boolean }> {
    const tenantId = command.tenantId ?? (await this.invoices.findById(command.invoiceId))?.tenantId;
    if (tenantId === undefined) throw invoiceNotFound(command.invoiceId);
    const scope = { ...tenantScope(tenantId), invoiceId: command.invoiceId };

    const { creditNote, chargeId, created } = await this.transactions.run(async (tx) => {
      const invoice = await this.invoices.lock(tx, scope);
      if (!invoice) throw invoiceNotFound(command.invoiceId);
      if (command.idempotencyKey !== undefined) {
        const earlier = await this.creditNotes.byIdempotencyKey({ ...tenantScope(tenantId), idempotencyKey: command.idempotencyKey }, tx);
        if (earlier && earlier.invoiceId !== invoice.id) throw CREDIT_NOTE_PROBLEMS['idempotency-key-reused'](`Idempotency-Key ${command.idempotencyKey} was used for a credit note of invoice ${earlier.invoiceId}`, { invoiceId: earlier.invoiceId });
        if (earlier) return { creditNote: earlier, chargeId: earlier.refundStatus === 'pending' ? await this.chargeOf(scope) : undefined, created: false };
      }
      if (invoice.status !== 'finalized') {
        throw CREDIT_NOTE_PROBLEMS['invoice-not-creditable'](`Invoice ${invoice.id} is ${invoice.status}: credit notes are issued against finalized invoices only`, { invoiceId: invoice.id, invoiceStatus: invoice.status });
      }
      const amount = decimal(command.amount);
      if (amount.lessThanOrEqualTo(0)) throw invalidField('amount', 'must be more than 0');
      if (amount.decimalPlaces() > minorDigits(invoice.currency)) throw invalidField('amount', `must have at most ${minorDigits(invoice.currency)} decimals in ${invoice.currency}`);
      const earlierNotes = await this.creditNotes.ofInvoice(scope, tx);
      const remaining = earlierNotes.reduce((left, n) => left.minus(n.amount), decimal(invoice.total));
      if (amount.greaterThan(remaining)) {
        throw CREDIT_NOTE_PROBLEMS['credit-exceeds-remaining'](`amount ${formatMoney(amount, invoice.currency)} is more than the ${formatMoney(remaining, invoice.currency)} ${invoice.currency} invoice ${invoice.id} has left to credit`, {
          field: 'amount', invoiceId: invoice.id, remainingCreditable: formatMoney(remaining, invoice.currency),
        });
      }
      let chargeId: string | undefined;
      if (command.method === 'refund') {
        chargeId = invoice.paymentStatus === 'succeeded' ? await this.chargeOf(scope) : undefined;
        if (chargeId === undefined) throw CREDIT_NOTE_PROBLEMS['refund-not-possible'](`method refund: invoice ${invoice.id} has not been paid; issue a credit instead`, { field: 'method', invoiceId: invoice.id, paymentStatus: invoice.paymentStatus });
      }
      const now = this.clock.now();
      const note: CreditNote = {
        id: randomUUID(), tenantId, invoiceId: invoice.id, number: await this.creditNotes.nextNumber(tx), reason: command.reason, memo: command.memo, amount: formatMoney(amount, invoice.currency), currency: invoice.currency,
        method: command.method, idempotencyKey: command.idempotencyKey ?? `credit-note-${randomUUID()}`, refundStatus: command.method === 'refund' ? 'pending' : null, providerRefundId: null, createdAt: now,
      };
      await this.creditNotes.insert(tx, note);
      await this.outbox.publish(tx, 'CreditNoteIssued', {
        tenantId, invoiceId: invoice.id, creditNoteId: note.id, number: note.number, reason: note.reason, method: note.method, amountMinor: toMinorUnits(note.amount, note.currency), currency: note.currency,
        issuedAt: now.toISOString(),
      });
      return { creditNote: note, chargeId, created: true };
    });

    if (creditNote.refundStatus === 'pending' && chargeId !== undefined) {
      const { refundId } = await this.provider.refund({ chargeId, amountMinor: toMinorUnits(creditNote.amount, creditNote.currency), currency: creditNote.currency, idempotencyKey: creditNote.id });
      await this.creditNotes.markRefunded({ ...tenantScope(tenantId), creditNoteId: creditNote.id }, refundId);
      return { creditNote: { ...creditNote, refundStatus: 'succeeded', providerRefundId: refundId }, created };
    }
    return { creditNote, created };
  }

  /** The provider's charge of the invoice's successful payment. */
  private async chargeOf(scope: TenantScope & { invoiceId: string }): Promise<string | undefined> {
    const paid = (await this.payments.ofInvoice(scope)).find((p) => p.status === 'succeeded');
    return paid?.providerChargeId ?? undefined;
  }
}
