import { Logger } from '@tenantry/observability';
import { ManualClock } from '@tenantry/service/testing';
import { createHash } from 'node:crypto';
import { ApiKey, ApiKeySecrets, ApiKeyVerifier } from '../../../auth';
import { InMemoryApiKeyRepository } from '../../../auth/testing/in-memory-api-key.repository';
import { GatewayConfig } from '../../../gateway.config';
import { EnsureBootstrapAdminKeyUseCase } from './ensure-bootstrap-admin-key.use-case';

describe(EnsureBootstrapAdminKeyUseCase.name, () => {
  let keys: InMemoryApiKeyRepository;
  let printed: string[];
  let sut: EnsureBootstrapAdminKeyUseCase;
  const secrets = new ApiKeySecrets(Object.assign(new GatewayConfig(), { API_KEY_PEPPER: 'unit-test-pepper-0123456789abcdef0123' }));

  beforeEach(() => {
    keys = new InMemoryApiKeyRepository();
    printed = [];
    const logger = { info: () => undefined, warn: (...args: unknown[]) => printed.push(args.map(String).join(' ')) } as unknown as Logger;
    sut = new EnsureBootstrapAdminKeyUseCase(keys, secrets, new ApiKeyVerifier(keys, secrets), new ManualClock(), new GatewayConfig(), logger);
  });

  it('registers the configured secret as a platform-admin key, once, stored only as its keyed hash and without a prefix', async () => {
    await sut.execute('configured-admin-secret-0123456789');
    await sut.execute('configured-admin-secret-0123456789');
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).toMatchObject({ role: 'platform-admin', keyHash: secrets.hash('configured-admin-secret-0123456789'), hashScheme: 'hmac-sha256', bootstrap: true, prefix: null });
    expect(keys.keys[0]?.keyHash).not.toBe(createHash('sha256').update('configured-admin-secret-0123456789').digest('hex'));
    expect(JSON.stringify(keys.keys)).not.toContain('configured');
  });

  it('finds a configured key stored under the old unkeyed SHA-256 and re-hashes it instead of adding a second', async () => {
    const legacy = createHash('sha256').update('configured-admin-secret-0123456789').digest('hex');
    await keys.insert({ id: 'old', name: 'bootstrap-admin', prefix: null, keyHash: legacy, hashScheme: 'sha256', role: 'platform-admin', tenantId: null, bootstrap: true, createdAt: new Date() });
    await sut.execute('configured-admin-secret-0123456789');
    expect(keys.keys).toEqual([expect.objectContaining({ id: 'old', keyHash: secrets.hash('configured-admin-secret-0123456789'), hashScheme: 'hmac-sha256' })]);
  });

  it('reinstates the configured key if it was revoked', async () => {
    await sut.execute('configured-admin-secret-0123456789');
    (keys.keys[0] as ApiKey).revokedAt = new Date();
    await sut.execute('configured-admin-secret-0123456789');
    expect(keys.keys[0]?.revokedAt).toBeNull();
  });

  it('without a configured secret and without any admin, creates one and prints it once', async () => {
    await sut.execute(undefined);
    await sut.execute(undefined);
    expect(keys.keys).toHaveLength(1);
    expect(printed).toHaveLength(1);
    const secret = /bootstrap admin key: (tnt_\S+)/.exec(printed[0] ?? '')?.[1] as string;
    expect(keys.keys[0]?.keyHash).toBe(secrets.hash(secret));
    expect(keys.keys[0]?.prefix).toBe(secret.slice(0, 8));
  });

  it('creates nothing when an admin key already exists', async () => {
    await sut.execute('configured-admin-secret-0123456789');
    await sut.execute(undefined);
    expect(keys.keys).toHaveLength(1);
    expect(printed).toEqual([]);
  });
});
