/** Entity → API representation of an audit entry. */
import { AuditEntry } from './audit-entry.row';
import { AuditEntryDto } from './dto/audit.dto';

export function toAuditEntryDto(entry: AuditEntry): AuditEntryDto {
  const { impersonationId, actorRole, ...rest } = entry;
  return { ...rest, act: impersonationId ? { impersonationId, actorKeyId: entry.apiKeyId, actorRole } : null, at: entry.at.toISOString() };
}
