/** Entity → API representation of an audit entry. */
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditEntryDto } from './dto/audit.dto';

export function toAuditEntryDto(entry: AuditEntryEntity): AuditEntryDto {
  return { ...entry, at: entry.at.toISOString() };
}
