/** An API key as stored: the secret only as its SHA-256. */
import { Role } from './roles';

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  role: Role;
  tenantId: string | null;
  bootstrap: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}
