/** Cross-tenant figures of one metric in one window. */
import { Granularity } from '../billable-metrics/metric-catalogue';
import { TotalsKeyset, UsageSummaryFigures } from './usage-summary.row';

export interface SummaryQuery {
  metric: string;
  granularity: Granularity;
  windowStart: Date;
  top: number;
  limit: number;
  after?: TotalsKeyset;
}

export abstract class SummaryRepository {
  abstract figures(query: SummaryQuery): Promise<UsageSummaryFigures>;
}
