/**
 * Integration secrets at rest: AES-256-GCM under a key derived from SECRET_KEY (HKDF-SHA256, info
 * `tenantry:tenant-config-secrets`), the tenant id and the secret's path bound in as associated data,
 * so a sealed value cannot be moved to another tenant or field. Format `cs1.<iv>.<tag>.<ciphertext>`
 * (base64url). Keys from SECRET_KEY_PREVIOUS open what was sealed before a rotation.
 *
 * The seam: provisioning holds per-tenant data keys, which the registry cannot reach (apps do not
 * share databases or code); when a key service exposes them, this class is the one place to change.
 */
import { Injectable } from '@nestjs/common';
import { PurposeSealer } from '@tenantry/internal-auth';
import { TenantRegistryConfig } from '../../tenant-registry.config';

@Injectable()
export class ConfigurationSecrets {
  private readonly box: PurposeSealer;

  constructor(config: TenantRegistryConfig) {
    this.box = new PurposeSealer({ format: 'cs1', purpose: 'tenantry:tenant-config-secrets', secretKey: config.SECRET_KEY, previousKeys: config.SECRET_KEY_PREVIOUS });
  }

  seal(tenantId: string, path: string, secret: string): string {
    return this.box.seal(associatedData(tenantId, path), secret);
  }

  /** The secret, or undefined when it does not open (not sealed, another tenant's, an unknown key). */
  open(tenantId: string, path: string, sealed: string): string | undefined {
    return this.box.open(associatedData(tenantId, path), sealed);
  }
}

function associatedData(tenantId: string, path: string): string {
  return `tenantry:tenant-config-secret:${tenantId.toLowerCase()}:${path}`;
}
