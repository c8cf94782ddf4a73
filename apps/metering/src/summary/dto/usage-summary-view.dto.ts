/** What the cross-tenant usage summary answers with; every value is a decimal string. */
import { Granularity } from '../../billable-metrics/metric-catalogue';

export interface TenantValueView {
  tenantId: string;
  value: string;
}

export interface UsageSummaryView {
  metric: string;
  period: Granularity;
  windowStart: string;
  /** Tenants with an aggregate in the window. */
  tenants: number;
  total: string;
  /** Over the per-tenant values (linear interpolation); null when no tenant has usage in the window. */
  percentiles: { p50: string | null; p90: string | null; p95: string | null; p99: string | null; max: string | null };
  /** The total of each source (`reported`, `gateway`, `collector`; `unattributed` for totals older than the per-source figures) whether the metric counts it or not; `total` above is the counted figure. */
  sources: { source: string; total: string }[];
  top: TenantValueView[];
  totals: TenantValueView[];
  nextCursor: string | null;
}
