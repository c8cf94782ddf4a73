/** The audit_log table: append-only, read newest first with a keyset cursor. */
import { AuditEntry, NewAuditEntry } from './audit-entry.row';

export interface AuditPageQuery {
  limit: number;
  /** Entries older than this id. */
  before?: string;
  tenantId?: string;
}

export abstract class AuditRepository {
  abstract append(entry: NewAuditEntry): Promise<void>;
  /** Returns up to limit + 1 entries, so the caller knows whether there is a next page. */
  abstract page(query: AuditPageQuery): Promise<AuditEntry[]>;
}
