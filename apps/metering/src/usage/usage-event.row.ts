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
  source: string;
  eventId: string;
}

export interface UniqueMember {
  tenantId: string;
  metric: string;
  granularity: Granularity;
  windowStart: Date;
  member: string;
}

export interface AggregatePoint {
  metric: string;
  windowStart: Date;
  value: string;
}
