/** Entity → API representation of an audit entry. */
import { AuditEntry } from './audit-entry.row';
import { AuditEntryDto } from './dto/audit.dto';

export function toAuditEntryDto(entry: AuditEntry): AuditEntryDto {
  return { ...entry, at: entry.at.toISOString() };
}
