/** The environment of the gateway service: upstream locations, timeouts, bootstrap key, idempotency retention and rate limits. */
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { LIMIT_PATTERN, PLAN_LIMITS_PATTERN } from './rate-limit/rate-limit-policy';
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

  /**
   * Where the operator console's built files are (`index.html` and `assets/`), served at /console.
   * Empty: the build's own (`dist/console`, written by `node tools/build.mjs`).
   */
  @IsOptional()
  @IsString()
  CONSOLE_DIR?: string = undefined;

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

  /**
   * The server secret API keys are hashed with (HMAC-SHA-256): required, no default. 32 random
   * bytes in base64 (`openssl rand -base64 32`). Changing it invalidates every key unless the old
   * value is kept in API_KEY_PEPPER_PREVIOUS while keys are re-hashed on use.
   */
  @IsString({ message: 'must be set: the secret API keys are hashed with (32 random bytes in base64, e.g. openssl rand -base64 32)' })
  @MinLength(32, { message: 'must be at least 32 characters (32 random bytes in base64, e.g. openssl rand -base64 32)' })
  API_KEY_PEPPER: string = undefined as unknown as string;

  /** The pepper before a rotation: keys hashed under it still authenticate and are re-hashed under API_KEY_PEPPER on use. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  API_KEY_PEPPER_PREVIOUS?: string = undefined;

  /**
   * Largest data import upload (POST /tenants/{id}/imports), in bytes: streamed through, and refused
   * with 413 `payload-too-large` naming the limit the moment one byte more arrives. Keep it equal to
   * provisioning's IMPORT_MAX_BYTES.
   */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of bytes' })
  @Min(1, { message: 'must be at least 1 byte' })
  IMPORT_MAX_BYTES = 104_857_600;

  /** How long Idempotency-Key results are kept for replay (at least a day). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of hours' })
  @Min(24, { message: 'must be at least 24 hours' })
  IDEMPOTENCY_TTL_HOURS = 24;

  /** Base URL of metering's internal API (usage routes). */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  METERING_URL = 'http://127.0.0.1:3003';

  /** Base URL of billing's internal API (plans, subscriptions, invoices, billing runs). */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  BILLING_URL = 'http://127.0.0.1:3004';

  /** Base URL of health scoring's internal API (health scores, feedback, the tenant dashboard). */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  HEALTH_SCORING_URL = 'http://127.0.0.1:3005';
  /** Base URL of notifications' internal API (webhook endpoints and deliveries, mail log, preferences, templates). */
  @IsUrl(UPSTREAM_URL, { message: 'must be an http(s) URL' })
  NOTIFICATIONS_URL = 'http://127.0.0.1:3006';

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

  /** Redis holding the rate-limit buckets every gateway instance shares (redis:// or rediss://, optional /<db>). */
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Request-rate limits per key, tenant and source address (false: no limits, no RateLimit headers). */
  // From the raw environment string: implicit conversion would make "false" true.
  @Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
    const raw = obj[key];
    return raw === 'true' ? true : raw === 'false' ? false : typeof raw === 'string' ? raw : value;
  })
  @IsBoolean({ message: 'must be true or false' })
  RATE_LIMIT_ENABLED = true;

  /** Per plan, `<plan>=<requests per second>:<burst>`, comma-separated; a tenant's keys share its plan's bucket. */
  @Matches(PLAN_LIMITS_PATTERN, { message: 'must be a comma-separated list of <plan>=<rate>:<burst>, e.g. free=10:20,starter=25:50' })
  RATE_LIMIT_PLANS = 'free=10:20,starter=25:50,growth=50:100,enterprise=100:200';

  /** The plan whose limits apply to a tenant whose plan the gateway has not heard of (or a plan missing from RATE_LIMIT_PLANS). */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be a plan id' })
  RATE_LIMIT_DEFAULT_PLAN = 'starter';

  /** `<rate>:<burst>` for each key of a platform role (no tenant): generous, so staff are never starved. */
  @Matches(LIMIT_PATTERN, { message: 'must be <rate>:<burst>, e.g. 200:400' })
  RATE_LIMIT_OPERATOR = '200:400';

  /** `<rate>:<burst>` per source address for calls without a valid key (401s). */
  @Matches(LIMIT_PATTERN, { message: 'must be <rate>:<burst>, e.g. 5:20' })
  RATE_LIMIT_ANONYMOUS = '5:20';

  /** Put before every Redis key of the limiter: lets several deployments (or test stacks) share one Redis. */
  @Matches(/^[A-Za-z0-9:._-]{1,100}$/, { message: 'must be up to 100 letters, digits, colons, dots, dashes or underscores' })
  RATE_LIMIT_KEY_PREFIX = 'tenantry:ratelimit:';

  /** How long a tenant's plan is kept in memory before the projection is read again. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must be at least 0 ms' })
  @Max(300_000, { message: 'must be at most 300000 ms' })
  RATE_LIMIT_PLAN_CACHE_MS = 10_000;

  /** A Redis answer slower than this counts as Redis unavailable: the call is let through (fail open). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(10, { message: 'must be at least 10 ms' })
  @Max(10_000, { message: 'must be at most 10000 ms' })
  RATE_LIMIT_REDIS_TIMEOUT_MS = 250;

  /**
   * How long the maintenance windows read from the registry are kept in memory: a window starts or
   * ends at the gateway within this (plus the registry's MAINTENANCE_TICK_MS at most).
   */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  @Max(60_000, { message: 'must be at most 60000 ms' })
  MAINTENANCE_CACHE_MS = 2000;
}
