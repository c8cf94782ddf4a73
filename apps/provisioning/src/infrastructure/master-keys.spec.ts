import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { MasterKeyring, openWithDataKey, sealWithDataKey } from './master-keys';

const TENANT_A = '0b7a2f3c-5d1e-4b8a-9c6d-7e8f9a0b1c2d';
const TENANT_B = '1c8b3a4d-6e2f-4c9b-8d7e-8f9a0b1c2d3e';
const key = () => randomBytes(32).toString('base64');

/** The format SecretBox wrote before envelope encryption: AES-256-GCM under SHA-256 of the key string. */
function legacySeal(secretKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(secretKey).digest(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
}

describe(MasterKeyring.name, () => {
  it('refuses a key shorter than 32 bytes, or not base64', () => {
    expect(() => new MasterKeyring(randomBytes(31).toString('base64'))).toThrow(/32/);
    expect(() => new MasterKeyring('tenantry-development-secret-change-me')).toThrow(/32/);
  });

  it('wraps a data key for one tenant only', () => {
    const ring = new MasterKeyring(key());
    const dataKey = ring.newDataKey();
    const { wrapped, masterKeyId } = ring.wrap(TENANT_A, dataKey);
    expect(masterKeyId).toBe(ring.current.id);
    expect(wrapped).not.toContain(dataKey.toString('base64'));
    expect(ring.unwrap(TENANT_A, wrapped).equals(dataKey)).toBe(true);
    expect(() => ring.unwrap(TENANT_B, wrapped)).toThrow();
  });

  it('seals tenant secrets so that one tenant’s ciphertext does not open as another’s', () => {
    const dataKey = randomBytes(32);
    const sealed = sealWithDataKey(dataKey, TENANT_A, 'p4ssword');
    expect(sealed).not.toContain('p4ssword');
    expect(openWithDataKey(dataKey, TENANT_A, sealed)).toBe('p4ssword');
    expect(() => openWithDataKey(dataKey, TENANT_B, sealed)).toThrow();
    expect(() => openWithDataKey(randomBytes(32), TENANT_A, sealed)).toThrow();
  });

  it('unwraps with a previous key, wraps only with the current one, and cannot unwrap once the old key is gone', () => {
    const [a, b] = [key(), key()];
    const wrappedUnderA = new MasterKeyring(a).wrap(TENANT_A, Buffer.alloc(32, 1));
    const rotating = new MasterKeyring(b, [a]);
    const dataKey = rotating.unwrap(TENANT_A, wrappedUnderA.wrapped);
    const rewrapped = rotating.wrap(TENANT_A, dataKey);
    expect(rewrapped.masterKeyId).toBe(new MasterKeyring(b).current.id);
    expect(new MasterKeyring(b).unwrap(TENANT_A, rewrapped.wrapped).equals(Buffer.alloc(32, 1))).toBe(true);
    expect(() => new MasterKeyring(b).unwrap(TENANT_A, wrappedUnderA.wrapped)).toThrow(/SECRET_KEY_PREVIOUS/);
  });

  it('opens secrets sealed before envelope encryption with the current key string or a previous one (an old default too)', () => {
    const current = key();
    const ring = new MasterKeyring(current, ['tenantry-development-secret-change-me']);
    expect(ring.openLegacy(legacySeal(current, 'one'))).toBe('one');
    expect(ring.openLegacy(legacySeal('tenantry-development-secret-change-me', 'two'))).toBe('two');
    expect(() => new MasterKeyring(current).openLegacy(legacySeal('tenantry-development-secret-change-me', 'two'))).toThrow();
  });

  it('seals platform secrets per purpose', () => {
    const ring = new MasterKeyring(key());
    const sealed = ring.seal('certificate-authority', 'pem');
    expect(ring.open('certificate-authority', sealed)).toBe('pem');
    expect(() => ring.open('something-else', sealed)).toThrow();
  });
});
