/** The metrics metering knows (the shared table in libs/usage-api), and the time windows an event falls into. */
import { UsageGranularity } from '@tenantry/usage-api';

/** The metric table itself is shared with billing (libs/usage-api). */
export { AGGREGATIONS, BUILT_IN_METRICS, mayRecord, memberOf, metricDefinition } from '@tenantry/usage-api';
export type { Aggregation, MetricDefinition } from '@tenantry/usage-api';

/** The windows usage is aggregated in: the granularities the read API offers. */
export type Granularity = UsageGranularity;

/** Start of the UTC window of the given granularity that contains `at`. */
export function windowStart(granularity: Granularity, at: Date): Date {
  switch (granularity) {
    case 'hour':
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours()));
    case 'day':
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    case 'month':
      return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  }
}

/** The UTC calendar day of `at` as YYYY-MM-DD (the dedup partition key). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Postgres numerics keep the scale of their inputs ("0.30", "5.000"); on the wire a decimal is
 * written without trailing fractional zeros.
 */
export function normalizeDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '' ? '0' : trimmed;
}
