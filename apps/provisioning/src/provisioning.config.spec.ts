import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from '@tenantry/config';
import { isolationTierFor, ProvisioningConfig } from './provisioning.config';

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
    const config = loadConfig(ProvisioningConfig, { SECRET_KEY: randomBytes(32).toString('base64'), INVITATION_KEY: randomBytes(32).toString('base64'), SECRET_KEY_PREVIOUS: `${randomBytes(32).toString('base64')},tenantry-development-secret-change-me`, INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS });
    expect(config.SECRET_KEY).toHaveLength(44);
  });
});

describe('ProvisioningConfig TENANT_ISOLATION', () => {
  const base = { SECRET_KEY: randomBytes(32).toString('base64'), INVITATION_KEY: randomBytes(32).toString('base64'), INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS };

  it('gives every plan a database of its own unless told otherwise', () => {
    const config = loadConfig(ProvisioningConfig, base);
    expect(config.TENANT_ISOLATION).toBe('database');
    expect(['free', 'enterprise', undefined].map((plan) => isolationTierFor(config, plan))).toEqual(['database', 'database', 'database']);
  });

  it('takes per-plan exceptions, the rest following TENANT_ISOLATION', () => {
    const config = loadConfig(ProvisioningConfig, { ...base, TENANT_ISOLATION: 'schema', TENANT_ISOLATION_BY_PLAN: 'enterprise:database, growth:database' });
    expect(['free', 'growth', 'enterprise', undefined].map((plan) => isolationTierFor(config, plan))).toEqual(['schema', 'database', 'database', 'schema']);
  });

  it('refuses an unknown tier, a malformed entry or a plan named twice, naming the variable', () => {
    expect(() => loadConfig(ProvisioningConfig, { ...base, TENANT_ISOLATION: 'cluster' })).toThrow(/TENANT_ISOLATION/);
    for (const bad of ['free', 'free:cluster', 'free:schema,free:database', ':schema']) {
      expect(() => loadConfig(ProvisioningConfig, { ...base, TENANT_ISOLATION_BY_PLAN: bad })).toThrow(/TENANT_ISOLATION_BY_PLAN: must be a comma-separated list/);
    }
  });
});

describe('ProvisioningConfig INVITATION_KEY', () => {
  const base = { SECRET_KEY: randomBytes(32).toString('base64'), INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS };

  it('has no default and refuses a weak key, naming the variable', () => {
    expect(() => loadConfig(ProvisioningConfig, base)).toThrow(/^Invalid environment variable INVITATION_KEY: is required/);
    expect(() => loadConfig(ProvisioningConfig, { ...base, INVITATION_KEY: 'short' })).toThrow(/INVITATION_KEY: is too weak or not base64/);
    expect(loadConfig(ProvisioningConfig, { ...base, INVITATION_KEY: randomBytes(32).toString('base64') }).INVITATION_KEY).toHaveLength(44);
  });
});
