/** What the ingestion and read APIs answer with. */
import { LimitMode } from '@tenantry/contracts';
import { Granularity } from '../../billable-metrics/metric-catalogue';

export type UsageResultStatus = 'accepted' | 'duplicate' | 'rejected';

export interface UsageResultView {
  index: number;
  eventId: string;
  status: UsageResultStatus;
  reason?: string;
}

export interface UsageResultsView {
  results: UsageResultView[];
}

export interface UsagePointView {
  windowStart: string;
  value: string;
}

export interface UsageView {
  tenantId: string;
  granularity: Granularity;
  series: { metric: string; points: UsagePointView[] }[];
  current: CurrentUsageView[];
}

/** A metric's usage in the current billing month, against the tenant's limit on it (null when it has none). */
export interface CurrentUsageView {
  metric: string;
  periodStart: string;
  value: string;
  limit: string | null;
  mode: LimitMode | null;
  /** value / limit in percent, two decimals; null without a limit or with a limit of 0. */
  percentUsed: number | null;
  /** The sources whose usage makes `value` (and counts towards limits and billing): `reported`, `gateway`, `collector`. */
  countedSources?: string[];
  /** Each source's own figure in the period, whether it counts or not (`unattributed`: totals from before sources were kept apart). */
  sources?: { source: string; value: string; counted: boolean }[];
  /** With `groupBy`: the counted figure per value of that property (`{<property>: <value>, value}`). */
  groups?: Record<string, string>[];
}
