/**
 * Finds the key a secret belongs to, whatever scheme its row was stored under, and moves an older
 * row (bare SHA-256, or HMAC under the previous pepper) to the current scheme once the secret has
 * proved it: the only moment the gateway holds the secret. One query for every candidate hash.
 */
import { Injectable } from '@nestjs/common';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeySecrets, CURRENT_HASH_SCHEME } from './api-key-secrets';
import { ApiKey } from './api-key.row';

@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly secrets: ApiKeySecrets,
  ) {}

  async find(secret: string, options: { activeOnly: boolean }): Promise<ApiKey | undefined> {
    const [current, ...older] = this.secrets.candidateHashes(secret) as [string, ...string[]];
    const key = await this.keys.findByHashes([current, ...older], options);
    if (!key || key.keyHash === current) return key;
    // Another gateway may have re-hashed it a moment ago: either way it is now stored under `current`.
    await this.keys.rehash(key.id, key.keyHash, current, CURRENT_HASH_SCHEME);
    return { ...key, keyHash: current, hashScheme: CURRENT_HASH_SCHEME };
  }
}
