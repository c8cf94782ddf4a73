/** The cross-tenant figures of one metric in one window, as the summary query returns them. */

/** Position in the totals listing: value descending, then tenant id. */
export interface TotalsKeyset {
  value: string;
  tenantId: string;
}

export interface TenantValue {
  tenantId: string;
  value: string;
}

export interface UsageSummaryFigures {
  tenants: number;
  total: string;
  /** p50, p90, p95, p99 (null without tenants). */
  percentiles: [string | null, string | null, string | null, string | null];
  max: string | null;
  /** The window's total per source (`api`, `gateway`, `collector`, `unattributed`), every event of each source whether it counts or not. */
  sources: { source: string; total: string }[];
  top: TenantValue[];
  /** Up to `limit + 1` rows after the keyset: the extra one tells there is a next page. */
  page: TenantValue[];
}
