/** An API key as stored: the secret only as its keyed hash (see ApiKeySecrets). */
import { HashScheme } from './api-key-secrets';
import { Role } from './roles';

/** Why a key stopped working: an admin revoked it, or its tenant was deleted. */
export const REVOCATION_REASONS = ['revoked', 'tenant-deleted'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export interface ApiKey {
  id: string;
  name: string;
  /** `tnt_` and a few random characters of a generated key; null for a secret a human chose. */
  prefix: string | null;
  keyHash: string;
  hashScheme: HashScheme;
  role: Role;
  tenantId: string | null;
  bootstrap: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: RevocationReason | null;
}
