/**
 * The metrics the platform knows: how each one aggregates over a window, and which metrics clients
 * may send. One table for metering (which aggregates usage) and billing (which keeps its own totals
 * the same way); a metric is added here once.
 *
 * The platform measures some metrics itself (metering's resource collectors); nobody may write
 * those through the ingestion API, whatever the key's role, or a tenant could overwrite or pre-empt
 * the readings it is billed and limited on.
 */
import { UsageSource } from '@tenantry/contracts';

export const AGGREGATIONS = ['sum', 'count', 'max', 'latest', 'unique'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export interface MetricDefinition {
  name: string;
  aggregation: Aggregation;
  /** For `unique` metrics: the event property whose distinct values are counted. */
  memberProperty?: string;
  /**
   * The only source that may record the metric, for metrics the platform measures itself: the
   * ingestion API rejects them (`metric-not-writable`) and the aggregations count no other source's.
   */
  measuredBy?: UsageSource;
  /**
   * The sources whose events count towards the tenant's limits and its bill (the aggregates keep
   * every source apart as well, for the breakdown). Default: every source that may record it.
   */
  countedSources?: readonly UsageSource[];
}

/** Every source, as recorded on UsageRecorded (`api` is a client's report through the ingestion API). */
export const ALL_SOURCES: readonly UsageSource[] = ['api', 'gateway', 'collector'];

/**
 * The names the read API and the configuration give the sources: `reported` (a client, through the
 * ingestion API; `api` on the wire), `gateway` (collected by the gateway), `collector` (collected by
 * metering's resource collectors).
 */
export const SOURCE_NAMES = ['reported', 'gateway', 'collector'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];
export function sourceName(source: string): string {
  return source === 'api' ? 'reported' : source;
}
export function wireSource(name: SourceName): UsageSource {
  return name === 'reported' ? 'api' : name;
}

/** The sources that count towards a metric's limits and bill. */
export function countedSourcesOf(metric: MetricDefinition): readonly UsageSource[] {
  if (metric.countedSources) return metric.countedSources;
  return metric.measuredBy ? [metric.measuredBy] : ALL_SOURCES;
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

/** Measured by the platform only (the `measuredBy` metrics above); the ingestion API rejects them with `metric-not-writable`. */
export const PLATFORM_MEASURED_METRICS = ['storage_bytes', 'database_bytes', 'active_users'] as const;

/** The rejection reason of an event naming a metric the platform measures. */
export const METRIC_NOT_WRITABLE = 'metric-not-writable';

const BY_NAME = new Map(BUILT_IN_METRICS.map((metric) => [metric.name, metric]));

export function metricDefinition(name: string): MetricDefinition | undefined {
  return BY_NAME.get(name);
}

/** Whether `source` may record the metric: any source, unless the platform measures it. */
export function mayRecord(metric: MetricDefinition, source: UsageSource | string): boolean {
  return metric.measuredBy === undefined || metric.measuredBy === source;
}

/** The member a `unique` metric counts, or undefined when the event does not carry it. */
export function memberOf(metric: MetricDefinition, properties: Record<string, unknown> | undefined | null): string | undefined {
  if (metric.aggregation !== 'unique' || !metric.memberProperty) return undefined;
  const value = properties?.[metric.memberProperty];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
