/** Rows of metering's usage tables as the code sees them (plain records; the SQL is hand-written for bulk work). */
import { Aggregation, Granularity } from '../billable-metrics/metric-catalogue';

/** A usage event to be counted once per (tenant, source, event id, day). */
export interface UsageEventRecord {
  tenantId: string;
  eventId: string;
  occurredOn: string;
  occurredAt: Date;
  metric: string;
  quantity: string;
  source: string;
  member: string | null;
}

/** One event's contribution to one aggregate window. */
export interface AggregateContribution {
  tenantId: string;
  metric: string;
  granularity: Granularity;
  windowStart: Date;
  aggregation: Aggregation;
  quantity: string;
  occurredAt: Date;
  /** The figure it adds to: the event's source, or COUNTED. */
  source: string;
  /** '' for the total, `<property>=<value>` for a group-by breakdown. */
  groupKey: string;
  eventId: string;
  member: string | null;
}

/** The source key of the figure limits, alerts, the summary and billing use: the meter's counted sources together. */
export const COUNTED = 'counted';

export interface UniqueMember {
  tenantId: string;
  metric: string;
  granularity: Granularity;
  windowStart: Date;
  source: string;
  groupKey: string;
  member: string;
}

export interface AggregatePoint {
  metric: string;
  windowStart: Date;
  value: string;
}

/** A figure of the current period: per source (COUNTED for the counted one) and group key. */
export interface PeriodFigure extends AggregatePoint {
  source: string;
  groupKey: string;
}
