/**
 * Provisioning's master keys (SECRET_KEY, and SECRET_KEY_PREVIOUS for unwrapping only) and the
 * envelope formats built on them, all AES-256-GCM with a fresh 96-bit IV:
 *
 * - `mk1.<master key id>.<iv>.<tag>.<ciphertext>`: sealed by a master key. Wraps each tenant's data
 *   key (associated data `tenantry:data-key:<tenant id>`, so a wrapped key cannot be moved to
 *   another tenant) and the platform's own secrets (the local CA's private key).
 * - `dk1.<iv>.<tag>.<ciphertext>`: a tenant secret sealed by that tenant's data key (associated
 *   data `tenantry:tenant-secret:<tenant id>`).
 * - `v1.<iv>.<tag>.<ciphertext>`: the format before envelope encryption (one key, SHA-256 of the
 *   SECRET_KEY string, for every tenant). Only opened, to re-seal it (see RotateMasterKeyUseCase).
 *
 * A master key's id is a fingerprint (the first 16 hex digits of a SHA-256 over a fixed label and the
 * key), stored with every wrapped key so rotation knows what is left to re-wrap.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { decodeMasterKey, MIN_MASTER_KEY_BYTES, parseKeyList } from '@tenantry/internal-auth';

export { decodeMasterKey, MIN_MASTER_KEY_BYTES, parseKeyList };
const MASTER = 'mk1';
const DATA = 'dk1';
const LEGACY = 'v1';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface WrappedDataKey {
  masterKeyId: string;
  wrapped: string;
}

export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('tenantry:master-key-id\0').update(key).digest('hex').slice(0, 16);
}

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function encrypt(key: Buffer, plain: Buffer, aad: string): [string, string, string] {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [b64(iv), b64(cipher.getAuthTag()), b64(data)];
}

function decrypt(key: Buffer, iv: string, tag: string, data: string, aad?: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
}

const dataKeyAad = (tenantId: string) => `tenantry:data-key:${tenantId.toLowerCase()}`;
const tenantSecretAad = (tenantId: string) => `tenantry:tenant-secret:${tenantId.toLowerCase()}`;
const platformSecretAad = (purpose: string) => `tenantry:platform-secret:${purpose}`;

export function isLegacySealed(sealed: string): boolean {
  return sealed.startsWith(`${LEGACY}.`);
}

export function isDataKeySealed(sealed: string): boolean {
  return sealed.startsWith(`${DATA}.`);
}

/** The id of the master key a `mk1.` value was sealed with, or undefined for another format. */
export function sealedUnder(sealed: string): string | undefined {
  const [format, id] = sealed.split('.');
  return format === MASTER ? id : undefined;
}

/** Seals a tenant secret with the tenant's data key; the tenant id is bound in as associated data. */
export function sealWithDataKey(dataKey: Buffer, tenantId: string, plain: string): string {
  return [DATA, ...encrypt(dataKey, Buffer.from(plain, 'utf8'), tenantSecretAad(tenantId))].join('.');
}

export function openWithDataKey(dataKey: Buffer, tenantId: string, sealed: string): string {
  const [format, iv, tag, data, extra] = sealed.split('.');
  if (format !== DATA || !iv || !tag || !data || extra !== undefined) throw new Error('not a tenant secret sealed by a data key');
  return decrypt(dataKey, iv, tag, data, tenantSecretAad(tenantId)).toString('utf8');
}

export class MasterKeyring {
  readonly current: MasterKey;
  private readonly keys = new Map<string, MasterKey>();
  /** SHA-256 of each configured string, for the `v1.` format only. */
  private readonly legacyKeys: Buffer[];

  /**
   * @param currentKey SECRET_KEY, base64 of at least 32 bytes.
   * @param previousKeys SECRET_KEY_PREVIOUS entries: unwrap only. Entries that are not base64 of 32
   *   bytes or more still open `v1.` secrets sealed before envelope encryption (an old default).
   */
  constructor(currentKey: string, previousKeys: readonly string[] = []) {
    const key = decodeMasterKey(currentKey);
    if (!key) throw new Error(`SECRET_KEY must be at least ${MIN_MASTER_KEY_BYTES} random bytes in base64`);
    this.current = { id: masterKeyId(key), key };
    this.keys.set(this.current.id, this.current);
    for (const previous of previousKeys) {
      const bytes = decodeMasterKey(previous);
      if (!bytes) continue;
      const id = masterKeyId(bytes);
      if (!this.keys.has(id)) this.keys.set(id, { id, key: bytes });
    }
    this.legacyKeys = [currentKey, ...previousKeys].map((value) => createHash('sha256').update(value).digest());
  }

  static fromConfig(config: { SECRET_KEY: string; SECRET_KEY_PREVIOUS?: string }): MasterKeyring {
    return new MasterKeyring(config.SECRET_KEY, parseKeyList(config.SECRET_KEY_PREVIOUS));
  }

  /** The ids of every key this ring can unwrap with, current first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  newDataKey(): Buffer {
    return randomBytes(32);
  }

  wrap(tenantId: string, dataKey: Buffer): WrappedDataKey {
    return { masterKeyId: this.current.id, wrapped: this.sealBytes(dataKey, dataKeyAad(tenantId)) };
  }

  unwrap(tenantId: string, wrapped: string): Buffer {
    return this.openBytes(wrapped, dataKeyAad(tenantId));
  }

  /** A platform secret (not a tenant's): sealed by the current master key under `purpose`. */
  seal(purpose: string, plain: string): string {
    return this.sealBytes(Buffer.from(plain, 'utf8'), platformSecretAad(purpose));
  }

  /** Opens a platform secret: `mk1.` under any known master key, or the pre-envelope `v1.` format. */
  open(purpose: string, sealed: string): string {
    if (isLegacySealed(sealed)) return this.openLegacy(sealed);
    return this.openBytes(sealed, platformSecretAad(purpose)).toString('utf8');
  }

  /** Opens a `v1.` secret (sealed before envelope encryption) with any configured key string. */
  openLegacy(sealed: string): string {
    const [format, iv, tag, data] = sealed.split('.');
    if (format !== LEGACY || !iv || !tag || !data) throw new Error('not a v1 sealed secret');
    for (const key of this.legacyKeys) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // the next configured key, if any
      }
    }
    throw new Error('a v1 sealed secret opens with none of SECRET_KEY, SECRET_KEY_PREVIOUS');
  }

  private sealBytes(plain: Buffer, aad: string): string {
    return [MASTER, this.current.id, ...encrypt(this.current.key, plain, aad)].join('.');
  }

  private openBytes(sealed: string, aad: string): Buffer {
    const [format, id, iv, tag, data, extra] = sealed.split('.');
    if (format !== MASTER || !id || !iv || !tag || !data || extra !== undefined) throw new Error('not a value sealed by a master key');
    const master = this.keys.get(id);
    if (!master) throw new Error(`sealed under master key ${id}, which is neither SECRET_KEY nor in SECRET_KEY_PREVIOUS`);
    return decrypt(master.key, iv, tag, data, aad);
  }
}

