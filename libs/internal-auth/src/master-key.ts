/**
 * The platform master key (SECRET_KEY, shared by provisioning, the registry and notifications) and
 * what each service seals under it: a key derived per purpose (HKDF-SHA256, the purpose as info),
 * AES-256-GCM with a fresh 96-bit IV and associated data that binds the sealed value to its owner (an
 * endpoint, a tenant's field), so it cannot be moved. Format `<format>.<iv>.<tag>.<ciphertext>`
 * (base64url). Keys from SECRET_KEY_PREVIOUS open what was sealed before a master-key rotation.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export const MIN_MASTER_KEY_BYTES = 32;

/** The bytes of a base64 (or base64url) master key, or undefined when it is not one of at least 32 bytes. */
export function decodeMasterKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length >= MIN_MASTER_KEY_BYTES ? bytes : undefined;
}

/** The entries of a comma-separated key list (SECRET_KEY_PREVIOUS), blanks dropped. */
export function parseKeyList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

export interface PurposeSealerOptions {
  /** The first field of every sealed value, e.g. `ws1`. */
  format: string;
  /** HKDF info, e.g. `tenantry:webhook-secrets`. */
  purpose: string;
  secretKey: string;
  previousKeys?: string;
}

export class PurposeSealer {
  private readonly key: Buffer;
  private readonly previousKeys: Buffer[];

  constructor(private readonly options: PurposeSealerOptions) {
    const derive = (master: Buffer) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), options.purpose, 32));
    const master = decodeMasterKey(options.secretKey);
    if (!master) throw new Error(`SECRET_KEY must be at least ${MIN_MASTER_KEY_BYTES} random bytes in base64`);
    this.key = derive(master);
    this.previousKeys = parseKeyList(options.previousKeys)
      .map((entry) => decodeMasterKey(entry))
      .filter((key): key is Buffer => key !== undefined)
      .map(derive);
  }

  seal(associatedData: string, secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [this.options.format, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  /** The secret; undefined when the value is not in this sealer's format or opens with none of the keys under this associated data. */
  open(associatedData: string, sealed: string): string | undefined {
    const [format, iv, tag, data, extra] = sealed.split('.');
    if (format !== this.options.format || !iv || !tag || !data || extra !== undefined) return undefined;
    for (const key of [this.key, ...this.previousKeys]) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(associatedData, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // the next key, if any
      }
    }
    return undefined;
  }
}
