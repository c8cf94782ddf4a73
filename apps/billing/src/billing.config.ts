/** The environment of the billing service. */
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { parseServiceKeys } from '@tenantry/internal-auth';
import { InternalServiceConfig } from '@tenantry/config';
import { DEFAULT_DUNNING_LADDER, IsDunningLadder } from './dunning/dunning-ladder';

export class BillingConfig extends InternalServiceConfig {
  override PORT = 3004;

  /**
   * `notifications:<kid>:<SPKI DER in base64>[,…]`: notifications' own keys, accepted only on the
   * invoice PDF routes (the attachment of invoice-issued mails). Empty: no service token is accepted.
   */
  @IsString()
  @ValidateBy({ name: 'isServiceKeys', validator: { validate: (v: unknown) => { try { parseServiceKeys(String(v)); return true; } catch { return false; } }, defaultMessage: () => 'must be <service>:<key id>:<Ed25519 SPKI DER in base64>[,…]' } })
  INTERNAL_AUTH_SERVICE_KEYS = '';

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

  /** Subscriptions (and drafts) the billing run handles per transaction: bigger pages mean fewer round trips, smaller ones shorter locks. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of subscriptions' })
  @Min(1, { message: 'must be at least 1' })
  @Max(5_000, { message: 'must be at most 5000' })
  BILLING_RUN_PAGE_SIZE = 200;

  /** Which payment provider charges cards: `sandbox` (the only one built; a card processor stand-in). */
  @IsIn(['sandbox'], { message: 'must be sandbox' })
  PAYMENT_PROVIDER = 'sandbox' as const;

  /** How long the sandbox provider takes to confirm a charge (its asynchronous settlement). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must not be negative' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  SANDBOX_SETTLE_DELAY_MS = 100;

  /**
   * The secret the payment provider signs its callbacks (webhooks) with: HMAC-SHA256 over
   * `<timestamp>.<body>`. Required, no default: at least 32 characters (e.g. `openssl rand -base64 32`);
   * for a real provider, the signing secret its dashboard shows for billing's callback endpoint.
   */
  @IsString({ message: 'is required: the payment provider callback signing secret' })
  @MinLength(32, { message: 'is required and must be at least 32 characters (e.g. `openssl rand -base64 32`)' })
  @MaxLength(512, { message: 'must be at most 512 characters' })
  BILLING_PROVIDER_WEBHOOK_SECRET = '';

  /** How old a provider callback's signed timestamp may be (either way) before it is refused as stale or replayed. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of seconds' })
  @Min(1, { message: 'must be at least 1 second' })
  @Max(3_600, { message: 'must be at most 3600 seconds' })
  BILLING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS = 300;

  /** Where the sandbox provider posts its signed callbacks; empty: this billing process's own `/payment-provider/callbacks/sandbox`. */
  @ValidateIf((config: BillingConfig) => config.SANDBOX_CALLBACK_URL !== '')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL or empty' })
  SANDBOX_CALLBACK_URL = '';

  /** How often the collection job looks for invoices to charge (a new one, or a retry that is due). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  PAYMENT_COLLECTION_INTERVAL_MS = 60_000;

  /** Days after the first failed charge of an invoice when it is charged again (comma-separated, increasing). */
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'must be comma-separated whole days, e.g. 1,3,5,7' })
  PAYMENT_RETRY_DAYS = '1,3,5,7';

  /** The dunning ladder: `step:days` since the oldest unpaid invoice became overdue (steps: warning, suspended, inactive, written_off). */
  @IsDunningLadder()
  BILLING_DUNNING_LADDER = DEFAULT_DUNNING_LADDER;

  /** How often the dunning job looks at tenants with overdue invoices (also once at start). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  DUNNING_INTERVAL_MS = 3_600_000;

  /** How often billing looks for trials that ended (also once at start). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  TRIAL_CHECK_INTERVAL_MS = 60_000;

  /** TrialEnding is published once this many days (or fewer) before a trial ends, at the trial check; 0: never. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(0, { message: 'must not be negative' })
  @Max(60, { message: 'must be at most 60 days' })
  TRIAL_ENDING_NOTICE_DAYS = 3;
}
