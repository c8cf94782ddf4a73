/** The metrics metering knows, how each one aggregates, and the time windows an event falls into. */
import { UsageSource } from '@tenantry/contracts';
import { UsageGranularity } from '@tenantry/usage-api';

export const AGGREGATIONS = ['sum', 'max', 'latest', 'unique'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** The windows usage is aggregated in: the granularities the read API offers. */
export type Granularity = UsageGranularity;

export interface MetricDefinition {
  name: string;
  aggregation: Aggregation;
  /** For `unique` metrics: the event property whose distinct values are counted. */
  memberProperty?: string;
  /**
   * The only source that may record the metric, for metrics the platform measures itself: the
   * ingestion API rejects them (`metric-not-writable`) and the aggregation counts no other source's.
   */
  measuredBy?: UsageSource;
}

export const BUILT_IN_METRICS: readonly MetricDefinition[] = [
  { name: 'storage_bytes', aggregation: 'latest', measuredBy: 'collector' },
  { name: 'database_bytes', aggregation: 'latest', measuredBy: 'collector' },
  { name: 'bandwidth_bytes', aggregation: 'sum' },
  { name: 'api_calls', aggregation: 'sum' },
  { name: 'active_users', aggregation: 'unique', memberProperty: 'userId', measuredBy: 'collector' },
  // The peak within a window (e.g. concurrent connections reported by a collector).
  { name: 'concurrent_connections', aggregation: 'max' },
];

const BY_NAME = new Map(BUILT_IN_METRICS.map((metric) => [metric.name, metric]));

export function metricDefinition(name: string): MetricDefinition | undefined {
  return BY_NAME.get(name);
}

/** Whether `source` may record the metric: any source, unless the platform measures it. */
export function mayRecord(metric: MetricDefinition, source: UsageSource): boolean {
  return metric.measuredBy === undefined || metric.measuredBy === source;
}

/** The member a `unique` metric counts, or undefined when the event does not carry it. */
export function memberOf(metric: MetricDefinition, properties: Record<string, unknown> | undefined): string | undefined {
  if (metric.aggregation !== 'unique' || !metric.memberProperty) return undefined;
  const value = properties?.[metric.memberProperty];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

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
