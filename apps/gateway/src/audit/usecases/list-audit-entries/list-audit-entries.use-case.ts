/** Reads the audit log newest first; the cursor is the last id of the previous page. */
import { Injectable } from '@nestjs/common';
import { AuditEntry } from '../../audit-entry.row';
import { AuditRepository } from '../../audit.repository';
import { ListAuditEntriesQuery } from './list-audit-entries.query';

@Injectable()
export class ListAuditEntriesUseCase {
  constructor(private readonly audit: AuditRepository) {}

  async execute(query: ListAuditEntriesQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const rows = await this.audit.page({ limit: query.limit, before: query.cursor, tenantId: query.tenantId?.toLowerCase() });
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
