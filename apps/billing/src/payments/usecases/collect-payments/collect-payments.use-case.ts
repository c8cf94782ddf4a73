/**
 * Automatic collection: every due collection is claimed (a lease, so two instances never both take
 * it) and charged to the tenant's default payment method through PayInvoiceUseCase, with the
 * idempotency key `collect-<invoice>-<attempt>` (a charge handed over twice is one charge). The
 * settlement then drops the collection (paid) or schedules the next retry (SettlePaymentUseCase).
 * A tenant without a payment method, or an invoice that needs no payment any more, leaves the
 * schedule (the invoice can still be paid through the route).
 */
import { Inject, Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { LOGGER, ProblemException } from '@tenantry/service';
import type { Logger } from '@tenantry/observability';
import { addDays } from '../../../subscriptions/billing-period';
import { CollectionRepository } from '../../collection.repository';
import { PayInvoiceCommand } from '../pay-invoice/pay-invoice.command';
import { PayInvoiceUseCase } from '../pay-invoice/pay-invoice.use-case';
import { CollectPaymentsCommand } from './collect-payments.command';

/** How long a claimed collection waits for its charge's settlement before it is tried again. */
const LEASE_DAYS = 1 / 24;
const BATCH = 100;

@Injectable()
export class CollectPaymentsUseCase {
  constructor(
    private readonly collections: CollectionRepository,
    private readonly pay: PayInvoiceUseCase,
    private readonly transactions: Transactions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many charges were started. */
  async execute(command: CollectPaymentsCommand): Promise<number> {
    let started = 0;
    for (const due of await this.collections.due(command.now, BATCH)) {
      const scope = { ...tenantScope(due.tenantId), invoiceId: due.invoiceId };
      const claimed = await this.transactions.run((tx) => this.collections.claim(tx, scope, command.now, addDays(command.now, LEASE_DAYS)));
      if (!claimed) continue;
      try {
        const { created } = await this.pay.execute(new PayInvoiceCommand(due.invoiceId, due.tenantId, `collect-${due.invoiceId}-${claimed.failures + 1}`));
        if (created) started += 1;
      } catch (error) {
        const code = error instanceof ProblemException ? error.code : undefined;
        if (code === 'no-payment-method' || code === 'invoice-not-payable') {
          await this.transactions.run((tx) => this.collections.drop(tx, scope));
          this.logger.info({ tenantId: due.tenantId, invoiceId: due.invoiceId, reason: code }, 'automatic collection: nothing to charge');
        } else if (code !== 'payment-in-progress') {
          this.logger.error({ err: error, tenantId: due.tenantId, invoiceId: due.invoiceId }, 'automatic collection failed; tried again after the lease');
        }
      }
    }
    return started;
  }
}
