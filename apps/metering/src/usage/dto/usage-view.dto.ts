/** What the ingestion and read APIs answer with. */
import { Granularity } from '../../metrics/metric-catalogue';

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
  current: { metric: string; periodStart: string; value: string }[];
}
