/** Analytics' pre-aggregated tables: written by its consumers, read by the three analytics queries. */
import { UsageRecordedPayload } from '@tenantry/contracts';
import { Transaction } from '@tenantry/persistence';
import { Signal } from '../projection/signal';

/** A range of UTC days, inclusive, and the optional plan filter. */
export interface AnalyticsRange {
  from: string;
  to: string;
  plan: string | null;
}

export interface UsageDayRow {
  day: string;
  apiCalls: number;
  bandwidthBytes: number;
  activeUsers: number;
  degradedRequests: number;
  degradedErrors: number;
}

export interface FeatureCount {
  feature: string;
  tenants: number;
  adoptedInRange: number;
}

export interface RevenueRow {
  month: string;
  currency: string;
  mrrMinor: number;
  payingTenants: number;
}

export interface GrowthRow {
  month: string;
  created: number;
  activated: number;
  churned: number;
  activeAtStart: number;
  churnedFromStart: number;
}

/** One tenant's raw measures for the comparison. */
export interface TenantMeasures {
  tenantId: string;
  plan: string;
  usage: number;
  previousUsage: number;
  health: number | null;
}

export abstract class AnalyticsRepository {
  /** Projects one lifecycle, billing or performance event (an event type analytics does not keep changes nothing). */
  abstract project(tx: Transaction, signal: Signal): Promise<void>;
  abstract projectUsage(tx: Transaction, events: readonly UsageRecordedPayload[]): Promise<void>;

  abstract usageDays(range: AnalyticsRange): Promise<UsageDayRow[]>;
  abstract hourOfDay(range: AnalyticsRange): Promise<number[]>;
  /** Tenants known by `to` and not churned before `from` (of the plan), and per feature how many have it enabled. */
  abstract features(range: AnalyticsRange): Promise<{ tenants: number; features: FeatureCount[] }>;
  abstract revenue(range: AnalyticsRange): Promise<RevenueRow[]>;
  abstract growth(range: AnalyticsRange): Promise<GrowthRow[]>;
  /** Measures over the months [fromMonth, toMonth] and the equally many months before. */
  abstract measures(range: AnalyticsRange): Promise<TenantMeasures[]>;
}
