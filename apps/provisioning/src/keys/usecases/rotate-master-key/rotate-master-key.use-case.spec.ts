import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { testLogger } from '@tenantry/testing';
import { tenantScope } from '@tenantry/persistence';
import { MasterKeyring, sealedUnder } from '../../../infrastructure/master-keys';
import { SealedSecret, SealedSecretRepository } from '../../sealed-secret.repository';
import { InMemoryTenantDataKeyRepository } from '../../testing/in-memory-tenant-data-key.repository';
import { TenantKeys } from '../../tenant-keys';
import { RotateMasterKeyUseCase } from './rotate-master-key.use-case';

const TENANTS = ['0b7a2f3c-5d1e-4b8a-9c6d-7e8f9a0b1c2d', '1c8b3a4d-6e2f-4c9b-8d7e-8f9a0b1c2d3e', '2d9c4b5e-7f3a-4dac-9e8f-9a0b1c2d3e4f'];
const key = () => randomBytes(32).toString('base64');

class InMemorySealedSecrets extends SealedSecretRepository {
  readonly rows: SealedSecret[] = [];

  needingReseal(currentKeyId: string, limit: number, skip: readonly string[]): Promise<SealedSecret[]> {
    return Promise.resolve(this.stale(currentKeyId).filter((row) => !skip.includes(`${row.kind}:${row.ref}`)).slice(0, limit).map((row) => ({ ...row })));
  }

  replace(secret: SealedSecret, sealed: string): Promise<void> {
    const row = this.rows.find((candidate) => candidate.kind === secret.kind && candidate.ref === secret.ref && candidate.sealed === secret.sealed);
    if (row) row.sealed = sealed;
    return Promise.resolve();
  }

  countNeedingReseal(currentKeyId: string): Promise<number> {
    return Promise.resolve(this.stale(currentKeyId).length);
  }

  private stale(currentKeyId: string): SealedSecret[] {
    return this.rows.filter((row) => (row.tenantId ? row.sealed.startsWith('v1.') : sealedUnder(row.sealed) !== currentKeyId));
  }
}

function legacySeal(secretKey: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(secretKey).digest(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.');
}

function rotation(ring: MasterKeyring, dataKeys: InMemoryTenantDataKeyRepository, secrets: InMemorySealedSecrets): RotateMasterKeyUseCase {
  return new RotateMasterKeyUseCase(ring, dataKeys, secrets, new TenantKeys(ring, dataKeys), testLogger());
}

describe(RotateMasterKeyUseCase.name, () => {
  it('re-wraps every data key under the new key, so the old key can go; a second pass has nothing to do', async () => {
    const [a, b] = [key(), key()];
    const dataKeys = new InMemoryTenantDataKeyRepository();
    const secrets = new InMemorySealedSecrets();
    const underA = new TenantKeys(new MasterKeyring(a), dataKeys);
    const sealed = await Promise.all(TENANTS.map((tenantId) => underA.seal(tenantScope(tenantId), `password of ${tenantId}`)));

    const report = await rotation(new MasterKeyring(b, [a]), dataKeys, secrets).execute();
    expect(report).toMatchObject({ dataKeysRewrapped: 3, secretsResealed: 0, failed: [], remaining: 0 });

    const onlyB = new TenantKeys(new MasterKeyring(b), dataKeys);
    for (const [index, tenantId] of TENANTS.entries()) expect(await onlyB.open(tenantScope(tenantId), sealed[index] ?? '')).toBe(`password of ${tenantId}`);
    expect(await rotation(new MasterKeyring(b, [a]), dataKeys, secrets).execute()).toMatchObject({ dataKeysRewrapped: 0, remaining: 0 });
  });

  it('leaves what no configured key opens as it was, reports it and still finishes', async () => {
    const [a, b, unknown] = [key(), key(), key()];
    const dataKeys = new InMemoryTenantDataKeyRepository();
    await new TenantKeys(new MasterKeyring(a), dataKeys).seal(tenantScope(TENANTS[0] ?? ''), 'x');
    await new TenantKeys(new MasterKeyring(unknown), dataKeys).seal(tenantScope(TENANTS[1] ?? ''), 'y');
    const report = await rotation(new MasterKeyring(b, [a]), dataKeys, new InMemorySealedSecrets()).execute();
    expect(report).toMatchObject({ dataKeysRewrapped: 1, failed: [`tenant:${TENANTS[1]}`], remaining: 1 });
  });

  it('re-seals secrets of the old format with each tenant’s data key, and the CA key under the current master key', async () => {
    const oldDefault = 'tenantry-development-secret-change-me';
    const current = key();
    const ring = new MasterKeyring(current, [oldDefault]);
    const dataKeys = new InMemoryTenantDataKeyRepository();
    const secrets = new InMemorySealedSecrets();
    secrets.rows.push(
      { kind: 'credential', ref: TENANTS[0] ?? '', tenantId: TENANTS[0] ?? '', sealed: legacySeal(oldDefault, 'pw0') },
      { kind: 'certificate', ref: 'acme.tenantry.local', tenantId: TENANTS[0] ?? '', sealed: legacySeal(oldDefault, 'leaf key') },
      { kind: 'certificate-authority', ref: 'tenantry-local-ca', tenantId: null, sealed: legacySeal(oldDefault, 'ca key') },
    );
    const report = await rotation(ring, dataKeys, secrets).execute();
    expect(report).toMatchObject({ secretsResealed: 3, failed: [], remaining: 0 });

    const keys = new TenantKeys(new MasterKeyring(current), dataKeys);
    const [credential, certificate, ca] = secrets.rows;
    expect(credential?.sealed).toMatch(/^dk1\./);
    expect(await keys.open(tenantScope(TENANTS[0] ?? ''), credential?.sealed ?? '')).toBe('pw0');
    expect(await keys.open(tenantScope(TENANTS[0] ?? ''), certificate?.sealed ?? '')).toBe('leaf key');
    expect(new MasterKeyring(current).open('certificate-authority', ca?.sealed ?? '')).toBe('ca key');
  });

  it('makes a tenant’s secrets unopenable once its data key is destroyed (crypto-shredding)', async () => {
    const ring = new MasterKeyring(key());
    const keys = new TenantKeys(ring, new InMemoryTenantDataKeyRepository());
    const scope = tenantScope(TENANTS[2] ?? '');
    const copy = await keys.seal(scope, 'secret');
    expect(await keys.destroy(scope)).toBe(true);
    await expect(keys.open(scope, copy)).rejects.toThrow(/no data key/);
  });
});
