/** The environment of the gateway service: upstream locations, timeouts, bootstrap key and idempotency retention. */
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { IsInternalSigningKey, ServiceConfig } from '@tenantry/config';

const UPSTREAM_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

export class GatewayConfig extends ServiceConfig {
  override PORT = 3000;

  /**
   * `<kid>:<Ed25519 PKCS#8 DER in base64>`: signs the short-lived token every internal call carries.
   * No default: the services refuse calls without a token their INTERNAL_AUTH_VERIFY_KEYS accept.
   */
  @IsInternalSigningKey()
  INTERNAL_AUTH_SIGNING_KEY?: string = undefined;

  /** Base URL of tenant-registry's internal API. */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  REGISTRY_URL = 'http://127.0.0.1:3001';

  /** Base URL of provisioning's internal API. */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  PROVISIONING_URL = 'http://127.0.0.1:3002';

  /** An upstream that has not answered (headers, or the next body chunk) within this long → 503. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(120_000, { message: 'must be at most 120000 ms' })
  UPSTREAM_TIMEOUT_MS = 5_000;

  /** A platform-admin key ensured at start with this secret (keep it in a secret store). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  TENANTRY_BOOTSTRAP_ADMIN_KEY?: string = undefined;

  /** How long Idempotency-Key results are kept for replay (at least a day). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of hours' })
  @Min(24, { message: 'must be at least 24 hours' })
  IDEMPOTENCY_TTL_HOURS = 24;

  /** Base URL of metering's internal API (usage routes). */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  METERING_URL = 'http://127.0.0.1:3003';

  /** How often the API calls and bytes counted per tenant are written as ApiUsageSampled events. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(3_600_000, { message: 'must be at most 3600000 ms' })
  API_USAGE_SAMPLE_INTERVAL_MS = 5_000;

  /** Length of the per-tenant latency and error-rate windows. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  @Max(86_400_000, { message: 'must be at most 86400000 ms' })
  PERFORMANCE_WINDOW_MS = 300_000;

  /** A tenant with fewer requests than this in a window is never reported degraded. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  PERFORMANCE_MIN_REQUESTS = 20;

  /** A window whose p95 latency exceeds this is degraded. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1, { message: 'must be at least 1 ms' })
  PERFORMANCE_P95_THRESHOLD_MS = 1_000;

  /** A window whose share of 5xx answers exceeds this is degraded. */
  @Type(() => Number)
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be between 0 and 1' })
  @Max(1, { message: 'must be between 0 and 1' })
  PERFORMANCE_ERROR_RATE_THRESHOLD = 0.05;
}
