import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from '@tenantry/config';
import { ProvisioningConfig } from './provisioning.config';

/** A verify key in the configured form (`<kid>:<SPKI DER base64>`): every internal service requires one. */
const VERIFY_KEYS = `unit:${generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

describe('ProvisioningConfig SECRET_KEY', () => {
  it('has no default: without it the service does not start, and the error names the variable', () => {
    expect(() => loadConfig(ProvisioningConfig, {})).toThrow(/^Invalid environment variable SECRET_KEY: is required/);
    expect(() => loadConfig(ProvisioningConfig, { SECRET_KEY: '' })).toThrow(/SECRET_KEY: is required/);
  });

  it('refuses a weak key: the old development default, a passphrase, 31 bytes', () => {
    for (const weak of ['tenantry-development-secret-change-me', 'correct horse battery staple', randomBytes(31).toString('base64')]) {
      expect(() => loadConfig(ProvisioningConfig, { SECRET_KEY: weak })).toThrow(/SECRET_KEY: is too weak or not base64: it must decode to at least 32 random bytes/);
    }
  });

  it('takes 32 random bytes in base64, with earlier keys for unwrapping', () => {
    const config = loadConfig(ProvisioningConfig, { SECRET_KEY: randomBytes(32).toString('base64'), SECRET_KEY_PREVIOUS: `${randomBytes(32).toString('base64')},tenantry-development-secret-change-me`, INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS });
    expect(config.SECRET_KEY).toHaveLength(44);
  });
});
