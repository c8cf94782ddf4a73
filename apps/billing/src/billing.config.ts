/** The environment of the billing service. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { InternalServiceConfig } from '@tenantry/config';

export class BillingConfig extends InternalServiceConfig {
  override PORT = 3004;

  /** Days an ended period's invoice stays a draft (late usage still lands in it) before it is finalized. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(0, { message: 'must not be negative' })
  @Max(60, { message: 'must be at most 60 days' })
  BILLING_GRACE_DAYS = 3;

  /** Days from finalization to an invoice's due date. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(0, { message: 'must not be negative' })
  @Max(365, { message: 'must be at most 365 days' })
  INVOICE_DUE_DAYS = 14;

  /** How often the scheduled billing run looks for ended periods and drafts past their grace window. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  BILLING_RUN_INTERVAL_MS = 3_600_000;

  /** Which payment provider charges cards: `sandbox` (the only one built; a card processor stand-in). */
  @IsIn(['sandbox'], { message: 'must be sandbox' })
  PAYMENT_PROVIDER = 'sandbox' as const;

  /** How long the sandbox provider takes to confirm a charge (its asynchronous settlement). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must not be negative' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  SANDBOX_SETTLE_DELAY_MS = 100;

  /** How often the collection job looks for invoices to charge (a new one, or a retry that is due). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  PAYMENT_COLLECTION_INTERVAL_MS = 60_000;

  /** Days after the first failed charge of an invoice when it is charged again (comma-separated, increasing). */
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'must be comma-separated whole days, e.g. 1,3,5,7' })
  PAYMENT_RETRY_DAYS = '1,3,5,7';
}
