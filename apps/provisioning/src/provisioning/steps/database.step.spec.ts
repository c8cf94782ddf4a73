import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { loadConfig } from '@tenantry/config';
import { tenantScope } from '@tenantry/persistence';
import { testLogger } from '@tenantry/testing';
import { InMemoryDomainRouteRepository } from '../../domains/testing/in-memory-domain-route.repository';
import { MasterKeyring } from '../../infrastructure/master-keys';
import { IsolationReport, IsolationTier, opaqueTenantName, TableExport, TenantDatabase, TenantDatabaseIdentity } from '../../infrastructure/tenant-database';
import { CryptoTokenGenerator } from '../../infrastructure/token-generator';
import { TenantKeys } from '../../keys/tenant-keys';
import { InMemoryTenantDataKeyRepository } from '../../keys/testing/in-memory-tenant-data-key.repository';
import { DropDatabaseStep } from '../../offboarding/steps/drop-database.step';
import { ProvisioningConfig } from '../../provisioning.config';
import { StepContext } from '../../saga/saga.model';
import { InMemoryTenantCredentialRepository } from '../testing/in-memory-tenant-credential.repository';
import { DatabaseStep } from './database.step';

/** A verify key in the configured form (`<kid>:<SPKI DER base64>`): every internal service requires one. */
const VERIFY_KEYS = `unit:${generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** Records what the steps ask of the data plane; what exists is a set of identities. */
class RecordingTenantDatabase extends TenantDatabase {
  readonly existing = new Map<string, TenantDatabaseIdentity>();
  readonly calls: string[] = [];

  identity(tenantId: string, tier: IsolationTier): TenantDatabaseIdentity {
    const name = opaqueTenantName(tenantId, 'u');
    return { tier, database: tier === 'database' ? name : null, schema: name, role: name };
  }
  async harden(): Promise<IsolationReport> {
    return { database: 'shared', publicRevoked: true, statisticsHidden: true };
  }
  async create(identity: TenantDatabaseIdentity): Promise<IsolationReport> {
    this.calls.push(`create ${identity.tier} ${identity.schema}`);
    this.existing.set(identity.schema, identity);
    return { database: identity.database ?? 'shared', publicRevoked: true, statisticsHidden: true };
  }
  async pooledSchemas(): Promise<number> {
    return 0;
  }
  async addPooledSchema(): Promise<void> {
    throw new Error('not pooled here');
  }
  lastCreateAt(): number {
    return 0;
  }
  async applyBaseline(): Promise<string[]> {
    return [];
  }
  async writeSettings(): Promise<void> {
    this.calls.push('settings');
  }
  async ensureAdmin(): Promise<{ userId: string; invitationExpiresAt: Date }> {
    return { userId: randomUUID(), invitationExpiresAt: new Date() };
  }
  async exportTables(): Promise<TableExport[]> {
    return [];
  }
  async drop(identity: TenantDatabaseIdentity): Promise<void> {
    this.calls.push(`drop ${identity.tier} ${identity.schema}`);
    this.existing.delete(identity.schema);
  }
  async close(): Promise<void> {
    this.existing.clear();
  }
}

function setup(env: Record<string, string> = {}) {
  const config = loadConfig(ProvisioningConfig, { INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS, SECRET_KEY: randomBytes(32).toString('base64'), INVITATION_KEY: randomBytes(32).toString('base64'), ...env });
  const tenantDatabase = new RecordingTenantDatabase();
  const credentials = new InMemoryTenantCredentialRepository();
  const dataKeys = new InMemoryTenantDataKeyRepository();
  const keys = new TenantKeys(new MasterKeyring(config.SECRET_KEY), dataKeys);
  const step = new DatabaseStep(tenantDatabase, credentials, keys, new CryptoTokenGenerator(), config, testLogger());
  const drop = new DropDatabaseStep(tenantDatabase, credentials, new InMemoryDomainRouteRepository(), keys);
  return { config, tenantDatabase, credentials, dataKeys, step, drop };
}

function context(tenantId: string, planId: string): StepContext {
  return { sagaId: randomUUID(), tenantId, input: { tenantId, plan: { id: planId, trial: false } }, attempt: 1, detail: {}, details: {} };
}

describe(DatabaseStep.name, () => {
  it('gives a plan the tier configured for it, under a name that carries no tenant id, and records both before creating', async () => {
    const { step, credentials, tenantDatabase } = setup({ TENANT_ISOLATION_BY_PLAN: 'free:schema' });
    const [paying, free] = [randomUUID(), randomUUID()];

    const own = await step.execute(context(paying, 'growth'));
    const shared = await step.execute(context(free, 'free'));

    const name = opaqueTenantName(paying, 'u');
    expect(own.detail).toEqual({ isolation: 'database', database: name, schema: name, role: name, baselineApplied: [] });
    expect(shared.detail).toMatchObject({ isolation: 'schema', schema: opaqueTenantName(free, 'u') });
    expect(shared.detail).not.toHaveProperty('database');
    expect(JSON.stringify([own.detail, shared.detail])).not.toMatch(new RegExp(`${paying.replace(/-/g, '')}|${free.replace(/-/g, '')}`));
    expect((await credentials.find(tenantScope(paying)))?.identity).toEqual({ tier: 'database', database: name, schema: name, role: name });
    expect(tenantDatabase.calls).toEqual([`create database ${name}`, `create schema ${opaqueTenantName(free, 'u')}`]);
  });

  it('repeats on what the first run recorded, even after the configuration changed', async () => {
    const first = setup();
    const tenantId = randomUUID();
    await first.step.execute(context(tenantId, 'growth'));
    const password = first.credentials.rows.get(tenantId)?.passwordEnc;

    const later = new DatabaseStep(first.tenantDatabase, first.credentials, new TenantKeys(new MasterKeyring(first.config.SECRET_KEY), first.dataKeys), new CryptoTokenGenerator(), setup({ TENANT_ISOLATION: 'schema' }).config, testLogger());
    const again = await later.execute(context(tenantId, 'growth'));

    expect(again.detail).toMatchObject({ isolation: 'database' });
    expect(first.credentials.rows.get(tenantId)?.passwordEnc).toBe(password);
  });

  it('compensates by dropping what it recorded, then the record; a second compensation is harmless', async () => {
    const { step, credentials, tenantDatabase } = setup();
    const tenantId = randomUUID();
    await step.execute(context(tenantId, 'growth'));

    await step.compensate(context(tenantId, 'growth'));
    await step.compensate(context(tenantId, 'growth'));

    expect(tenantDatabase.existing.size).toBe(0);
    expect(await credentials.find(tenantScope(tenantId))).toBeUndefined();
  });
});

describe(DropDatabaseStep.name, () => {
  it('drops the recorded database and role, forgets the record and shreds the key; run again, it succeeds without dropping anything', async () => {
    const { step, drop, credentials, dataKeys, tenantDatabase } = setup();
    const tenantId = randomUUID();
    await step.execute(context(tenantId, 'growth'));
    const name = opaqueTenantName(tenantId, 'u');

    const first = await drop.execute(context(tenantId, 'growth'));
    const callsAfterFirst = [...tenantDatabase.calls];
    const second = await drop.execute({ ...context(tenantId, 'growth'), detail: first.detail ?? {} });

    expect(callsAfterFirst).toEqual([`create database ${name}`, `drop database ${name}`]);
    expect(tenantDatabase.calls).toEqual(callsAfterFirst);
    expect(first).toMatchObject({ status: 'succeeded', detail: { isolation: 'database', database: name, dropped: true, dataKeyDestroyed: true } });
    expect(second).toMatchObject({ status: 'succeeded', detail: { database: name, dropped: true } });
    expect(await credentials.find(tenantScope(tenantId))).toBeUndefined();
    expect(await dataKeys.find(tenantScope(tenantId))).toBeUndefined();
  });
});
