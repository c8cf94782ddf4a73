/** Generating and hashing API key secrets, behind an injectable so tests can control it. */
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

const KEY_PREFIX = 'tnt_';
/** Characters of the key kept in clear, to recognise a key in listings and logs; never enough to use it. */
const DISPLAY_PREFIX_LENGTH = 12;

@Injectable()
export class ApiKeySecrets {
  /** 32 random bytes: high entropy, so an unsalted SHA-256 is a safe stored form and a direct lookup key. */
  generate(): string {
    return KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  hash(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }

  displayPrefix(secret: string): string {
    return secret.slice(0, DISPLAY_PREFIX_LENGTH);
  }
}
