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
  requestId: string;
  at: Date;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;
