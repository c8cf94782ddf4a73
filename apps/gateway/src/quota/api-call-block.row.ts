/** A tenant blocked for using up its hard monthly API-call limit (one row of gateway.api_call_blocks). */
export interface ApiCallBlock {
  tenantId: string;
  /** The limit that was exceeded, an exact decimal count. */
  limit: string;
  periodStart: Date;
  /** Start of the UTC month after the period: the block ends by itself then. */
  resetAt: Date;
}

/** The api_calls limit as the latest TenantLimitsChanged announced it (gateway.api_call_limits); `limit` null: none. */
export interface KnownApiCallLimit {
  tenantId: string;
  version: number;
  limit: string | null;
  mode: 'soft' | 'hard' | null;
}
