/**
 * Every sealed secret column of the service's schema, for re-sealing: tenant role passwords
 * (tenant_credential), tenant certificate keys (tenant_certificate), both tenant secrets, and the
 * local CA's key (certificate_authority), a platform secret.
 */
export type SealedSecretKind = 'credential' | 'certificate' | 'certificate-authority';

export interface SealedSecret {
  kind: SealedSecretKind;
  /** The row: tenant id, host name or CA name. */
  ref: string;
  /** The tenant it belongs to; null for a platform secret. */
  tenantId: string | null;
  sealed: string;
}

export abstract class SealedSecretRepository {
  /** Tenant secrets still in the pre-envelope `v1.` format, and platform secrets not sealed under `currentKeyId`. */
  abstract needingReseal(currentKeyId: string, limit: number, skip: readonly string[]): Promise<SealedSecret[]>;
  /** Replaces the value if it is still `secret.sealed` (another instance may have re-sealed it). */
  abstract replace(secret: SealedSecret, sealed: string): Promise<void>;
  abstract countNeedingReseal(currentKeyId: string): Promise<number>;
}
