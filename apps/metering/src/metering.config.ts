/** The environment of the metering service. */
import { Type } from 'class-transformer';
import { IsInt, IsNumber, Matches, Max, Min } from 'class-validator';
import { UsageSource } from '@tenantry/contracts';
import { SourceName, wireSource } from '@tenantry/usage-api';
import { InternalServiceConfig } from '@tenantry/config';

const SOURCE = '(reported|gateway|collector)';
const COUNTED_ENTRY = `[a-z][a-z0-9_]{0,62}=${SOURCE}(\\+${SOURCE})*`;
const COUNTED_SOURCES_PATTERN = new RegExp(`^(${COUNTED_ENTRY}(;${COUNTED_ENTRY})*)?$`);

export class MeteringConfig extends InternalServiceConfig {
  override PORT = 3003;

  /** How far in the past a usage event may be and still be accepted (late arrival). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of hours' })
  @Min(1, { message: 'must be at least 1 hour' })
  @Max(720, { message: 'must be at most 720 hours' })
  LATENESS_HOURS = 72;

  /** How far in the future a usage timestamp may be (client clock skew). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must not be negative' })
  MAX_FUTURE_SKEW_MS = 300_000;

  /** How long ingestion waits for Kafka's acknowledgement before answering 503. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  PUBLISH_TIMEOUT_MS = 10_000;

  /** Days the deduplication partitions are kept before the maintenance job drops them. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of days' })
  @Min(4, { message: 'must be at least 4 days' })
  USAGE_EVENT_RETENTION_DAYS = 32;

  /** How often partitions are created ahead and old ones dropped. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  PARTITION_MAINTENANCE_INTERVAL_MS = 3_600_000;

  /** How often the last complete UTC hour is checked for unusual usage (and every current month swept for limit alerts). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  ANOMALY_CHECK_INTERVAL_MS = 300_000;

  /** The least an hour's usage must be to be called unusual (in the metric's unit). */
  @Type(() => Number)
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  ANOMALY_MIN_VOLUME = 100;

  /** The tenant database (as provisioning's TENANT_DATABASE_URL); the collectors only read it: sizes and users' last logins. */
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  TENANT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/tenantry_tenants';

  /** How often the resource collectors measure every tenant (database and storage size, active users). */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(1_000, { message: 'must be at least 1000 ms' })
  COLLECTOR_INTERVAL_MS = 300_000;

  /**
   * Which sources count towards limits and billing, per meter, overriding the meters' own
   * `countedSources`: `<meter>=<source>[+<source>…]` separated by `;`, sources `reported`, `gateway`,
   * `collector` (e.g. `api_calls=gateway;bandwidth_bytes=gateway`). Empty: the meters' definitions.
   */
  @Matches(COUNTED_SOURCES_PATTERN, { message: 'must be <meter>=<source>[+<source>...] separated by ; (sources: reported, gateway, collector)' })
  COUNTED_SOURCES = '';

  /** How often each instance reloads the meter definitions in the background. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(100, { message: 'must be at least 100 ms' })
  METER_CACHE_TTL_MS = 30_000;

  /** The least time between two reloads caused by events naming a key the cache does not know. */
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of milliseconds' })
  @Min(0, { message: 'must not be negative' })
  METER_MISS_RELOAD_MS = 1_000;
}

export function parseCountedSources(value: string): Map<string, UsageSource[]> {
  const map = new Map<string, UsageSource[]>();
  for (const entry of value.split(';').filter((e) => e.length > 0)) {
    const [meter, sources] = entry.split('=');
    if (meter && sources) map.set(meter, [...new Set(sources.split('+').map((name) => wireSource(name as SourceName)))]);
  }
  return map;
}
