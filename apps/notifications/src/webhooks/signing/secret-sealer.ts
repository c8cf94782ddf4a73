/**
 * Endpoint secrets at rest: AES-256-GCM under a key derived from SECRET_KEY (HKDF-SHA256, info
 * `tenantry:webhook-secrets`), the endpoint id bound in as associated data so a sealed secret cannot
 * be moved to another endpoint. Format `ws1.<iv>.<tag>.<ciphertext>` (base64url). Keys derived from
 * SECRET_KEY_PREVIOUS entries open what was sealed before a master-key rotation.
 */
import { Injectable } from '@nestjs/common';
import { PurposeSealer } from '@tenantry/internal-auth';
import { WebhooksConfig } from '../webhooks.config';

@Injectable()
export class SecretSealer {
  private readonly box: PurposeSealer;

  constructor(config: Pick<WebhooksConfig, 'SECRET_KEY'> & Partial<Pick<WebhooksConfig, 'SECRET_KEY_PREVIOUS'>>) {
    this.box = new PurposeSealer({ format: 'ws1', purpose: 'tenantry:webhook-secrets', secretKey: config.SECRET_KEY, previousKeys: config.SECRET_KEY_PREVIOUS });
  }

  seal(endpointId: string, secret: string): string {
    return this.box.seal(associatedData(endpointId), secret);
  }

  open(endpointId: string, sealed: string): string {
    const secret = this.box.open(associatedData(endpointId), sealed);
    if (secret === undefined) throw new Error('a sealed webhook secret opens with none of SECRET_KEY, SECRET_KEY_PREVIOUS (or is not one)');
    return secret;
  }
}

function associatedData(endpointId: string): string {
  return `tenantry:webhook-secret:${endpointId.toLowerCase()}`;
}
