/**
 * How billing totals each metric over a period: the same table metering aggregates its month
 * windows with (`BUILT_IN_METRICS` in libs/usage-api). A metric not listed there is summed.
 */
import { mayRecord, MetricDefinition, metricDefinition } from '@tenantry/usage-api';

export type { Aggregation } from '@tenantry/usage-api';
export { memberOf } from '@tenantry/usage-api';

export type BillableMetric = MetricDefinition;

export function billableMetric(name: string): BillableMetric {
  return metricDefinition(name) ?? { name, aggregation: 'sum' };
}

/** A metric the platform measures counts only from its measuring source (metering dead-letters any other source). */
export function mayCount(metric: string, source: string): boolean {
  const definition = metricDefinition(metric);
  return definition === undefined || mayRecord(definition, source);
}
