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
  at: Date;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;
