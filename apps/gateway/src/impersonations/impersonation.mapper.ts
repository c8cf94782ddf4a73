/** Impersonation → its API representation (never the token's hash). */
import { Impersonation } from '../auth';
import { ImpersonationDto } from './dto/impersonation.dto';

export function toImpersonationDto(i: Impersonation): ImpersonationDto {
  return {
    id: i.id,
    tenantId: i.tenantId,
    actorKeyId: i.actorKeyId,
    actorRole: i.actorRole,
    reason: i.reason,
    write: i.write,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}
