/** Random secrets (invitation tokens, role passwords, verification tokens) behind an interface tests can pin. */
import { createHash, randomBytes } from 'node:crypto';

export abstract class TokenGenerator {
  /** A URL-safe random token of `bytes` bytes of entropy. */
  abstract token(bytes?: number): string;
}

export class CryptoTokenGenerator extends TokenGenerator {
  token(bytes = 32): string {
    return randomBytes(bytes).toString('base64url');
  }
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
