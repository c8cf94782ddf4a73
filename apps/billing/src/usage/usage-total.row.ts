/** Billing's record of usage: events it has counted, and totals per tenant, period and metric. */
import { Aggregation } from './billable-metrics';

export interface CountedEvent {
  tenantId: string;
  /** Event ids are unique per source (api, gateway, collector), as in metering. */
  source: string;
  eventId: string;
  periodStart: Date;
}

export interface PeriodMember {
  tenantId: string;
  periodStart: Date;
  metric: string;
  member: string;
}

/** One batch's contribution to a total, already combined per (tenant, period, metric). */
export interface TotalContribution {
  tenantId: string;
  periodStart: Date;
  metric: string;
  aggregation: Aggregation;
  /** sum/unique: to add; max: a candidate; latest: the reading at `latestAt`. */
  value: string;
  latestAt: Date;
  events: number;
}

export const eventKey = (e: { tenantId: string; source: string; eventId: string }) => `${e.tenantId}\u0000${e.source}\u0000${e.eventId}`;
export const memberKey = (m: PeriodMember) => `${m.tenantId}\u0000${m.periodStart.getTime()}\u0000${m.metric}\u0000${m.member}`;
