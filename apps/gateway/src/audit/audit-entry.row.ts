/** One audited call: who (key and role), what (method, route, status), on which tenant, when. */
export interface AuditEntry {
  id: string;
  apiKeyId: string | null;
  role: string | null;
  method: string;
  route: string;
  path: string;
  status: number;
  tenantId: string | null;
  /** The gateway's own request id. */
  requestId: string;
  /** The client's x-request-id when usable (≤ 128 visible ASCII characters), for correlation only. */
  correlationId: string | null;
  /** Set for a call made with an impersonation credential: `apiKeyId` is then the key of the person acting and `role` the impersonated one (tenant-admin). */
  impersonationId: string | null;
  /** The acting person's own role (support or platform-admin) for an impersonated call. */
  actorRole: string | null;
  at: Date;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;
