/**
 * How billing totals each metric over a period, the same way metering aggregates its month windows
 * (metering's metric catalogue; apps do not share code, so the table is repeated here and a metric
 * metering adds must be added here too). A metric not listed is summed.
 */
import { PLATFORM_MEASURED_METRICS } from '@tenantry/usage-api';

export type Aggregation = 'sum' | 'max' | 'latest' | 'unique';

export interface BillableMetric {
  aggregation: Aggregation;
  /** unique: the event property whose distinct values are counted. */
  memberProperty?: string;
}

const METRICS: Readonly<Record<string, BillableMetric>> = {
  storage_bytes: { aggregation: 'latest' },
  database_bytes: { aggregation: 'latest' },
  bandwidth_bytes: { aggregation: 'sum' },
  api_calls: { aggregation: 'sum' },
  active_users: { aggregation: 'unique', memberProperty: 'userId' },
  concurrent_connections: { aggregation: 'max' },
};

export function billableMetric(name: string): BillableMetric {
  return METRICS[name] ?? { aggregation: 'sum' };
}

/** The member a unique metric counts, or undefined when the event does not carry it. */
export function memberOf(metric: BillableMetric, properties: Record<string, unknown> | undefined | null): string | undefined {
  if (metric.aggregation !== 'unique' || !metric.memberProperty) return undefined;
  const value = properties?.[metric.memberProperty];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A metric the platform measures counts only from the collector (metering dead-letters any other source). */
export function mayCount(metric: string, source: string): boolean {
  return source === 'collector' || !(PLATFORM_MEASURED_METRICS as readonly string[]).includes(metric);
}
