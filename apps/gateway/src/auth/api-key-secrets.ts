/**
 * Generating and hashing API key secrets, behind an injectable so tests can control it.
 *
 * Stored form: HMAC-SHA-256 of the secret under the server's `API_KEY_PEPPER` (`hmac-sha256`), so
 * a copy of the api_keys table alone cannot test guesses of a key — a human-chosen bootstrap key
 * included. Rows written before the pepper existed hold the bare SHA-256 (`sha256`); they still
 * authenticate and are re-hashed under the pepper on their first successful use
 * (`ApiKeyVerifier`). Rotating the pepper works the same way: with the old one in
 * `API_KEY_PEPPER_PREVIOUS`, keys hashed under it still authenticate and move to the new one.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GatewayConfig } from '../gateway.config';

export const KEY_PREFIX = 'tnt_';
/** Random characters shown after `tnt_` in listings: enough to tell keys apart, nothing of a secret a human chose. */
const DISPLAY_RANDOM_CHARACTERS = 4;

export const HASH_SCHEMES = ['hmac-sha256', 'sha256'] as const;
export type HashScheme = (typeof HASH_SCHEMES)[number];
/** The scheme every key is stored under from now on. */
export const CURRENT_HASH_SCHEME: HashScheme = 'hmac-sha256';

@Injectable()
export class ApiKeySecrets {
  private readonly pepper: Buffer;
  private readonly previousPepper: Buffer | undefined;

  constructor(config: GatewayConfig) {
    this.pepper = Buffer.from(config.API_KEY_PEPPER, 'utf8');
    this.previousPepper = config.API_KEY_PEPPER_PREVIOUS ? Buffer.from(config.API_KEY_PEPPER_PREVIOUS, 'utf8') : undefined;
  }

  /** `tnt_` and 32 random bytes. */
  generate(): string {
    return KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  /** The stored form under the current scheme. */
  hash(secret: string): string {
    return this.hashWith(CURRENT_HASH_SCHEME, secret);
  }

  /** Every form a stored key with this secret may still have: the current one first, then the previous pepper's and the bare SHA-256 of older rows. */
  candidateHashes(secret: string): string[] {
    const older = [createHash('sha256').update(secret, 'utf8').digest('hex')];
    if (this.previousPepper) older.unshift(hmac(this.previousPepper, secret));
    return [this.hash(secret), ...older];
  }

  hashWith(scheme: HashScheme, secret: string): string {
    return scheme === 'hmac-sha256' ? hmac(this.pepper, secret) : createHash('sha256').update(secret, 'utf8').digest('hex');
  }

  /**
   * What listings show of a key the gateway generated: `tnt_` and a few of its random characters.
   * A secret a human chose (TENANTRY_BOOTSTRAP_ADMIN_KEY) gets none: null.
   */
  displayPrefix(secret: string): string {
    return secret.slice(0, KEY_PREFIX.length + DISPLAY_RANDOM_CHARACTERS);
  }
}

function hmac(key: Buffer, secret: string): string {
  return createHmac('sha256', key).update(secret, 'utf8').digest('hex');
}
