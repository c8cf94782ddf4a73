/** An impersonation as stored: the credential only as its keyed hash (like an API key). */
import { Role } from './roles';

export interface Impersonation {
  id: string;
  tenantId: string;
  actorKeyId: string;
  actorRole: Role;
  reason: string;
  write: boolean;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}
