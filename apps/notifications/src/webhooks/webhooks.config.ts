/** The environment of the webhook half of notifications; NotificationsConfig extends it, so the two halves keep their settings apart. */
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { InternalServiceConfig, IsMasterKey, IsMasterKeyList } from '@tenantry/config';

export class WebhooksConfig extends InternalServiceConfig {
  /**
   * The platform master key (the one provisioning uses): endpoint signing secrets are stored sealed
   * under a key derived from it (HKDF, purpose `tenantry:webhook-secrets`), never in clear.
   */
  @IsMasterKey()
  SECRET_KEY = '';

  /** Earlier master keys, comma-separated, only to open secrets sealed before a SECRET_KEY rotation (each is re-sealed under SECRET_KEY when it is next rotated). */
  @IsOptional()
  @IsMasterKeyList()
  SECRET_KEY_PREVIOUS?: string = undefined;

  /**
   * Hosts or IP addresses webhooks may reach although they are loopback or private, comma-separated
   * (e.g. `127.0.0.1` in tests, an internal receiver on premises); plain HTTP is allowed to them only.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:_-]+(,[A-Za-z0-9.:_-]+)*$/, { message: 'must be a comma-separated list of host names or IP addresses' })
  WEBHOOK_ALLOWED_HOSTS?: string = undefined;

  /** No complete answer within this → the attempt failed (timeout). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** How often the delivery worker looks for attempts that are due. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(50, { message: 'must be at least 50 ms' })
  WEBHOOK_DELIVERY_INTERVAL_MS = 1_000;

  /** Deliveries attempted at once by one instance. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(500, { message: 'must be at most 500' })
  WEBHOOK_DELIVERY_CONCURRENCY = 20;

  /** An endpoint whose every attempt has failed for this long (by the service clock) is disabled. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  WEBHOOK_DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

  /** Kept events (for replay) and finished deliveries with their attempts are removed after this many days. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(1, { message: 'must be at least 1 day' })
  @Max(365, { message: 'must be at most 365 days' })
  WEBHOOK_RETENTION_DAYS = 30;

  /** How often old events and deliveries are removed. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  WEBHOOK_PRUNE_INTERVAL_MS = 3_600_000;
}
