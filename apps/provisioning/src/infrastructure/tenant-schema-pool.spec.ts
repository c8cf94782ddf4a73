import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { loadConfig } from '@tenantry/config';
import { testLogger, waitFor } from '@tenantry/testing';
import { ProvisioningConfig } from '../provisioning.config';
import { IsolationReport, TableExport, TenantDatabase, TenantDatabaseIdentity } from './tenant-database';
import { TenantSchemaPool } from './tenant-schema-pool';

const VERIFY_KEYS = `unit:${generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;

/** A data plane whose pool is a counter and whose creates are stamped by the test. */
class CountingTenantDatabase extends TenantDatabase {
  pooled = 0;
  lastCreate = 0;
  failNext = false;
  identity(): TenantDatabaseIdentity {
    throw new Error('not used');
  }
  async harden(): Promise<IsolationReport> {
    return { database: 'shared', publicRevoked: true, statisticsHidden: true };
  }
  async create(): Promise<IsolationReport> {
    this.lastCreate = Date.now();
    if (this.pooled > 0) this.pooled -= 1;
    return { database: 'shared', publicRevoked: true, statisticsHidden: true };
  }
  async pooledSchemas(): Promise<number> {
    return this.pooled;
  }
  async addPooledSchema(): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    this.pooled += 1;
  }
  lastCreateAt(): number {
    return this.lastCreate;
  }
  async applyBaseline(): Promise<string[]> {
    return [];
  }
  writeSettings(): Promise<void> {
    return Promise.resolve();
  }
  async ensureAdmin(): Promise<{ userId: string; invitationExpiresAt: Date }> {
    throw new Error('not used');
  }
  async exportTables(): Promise<TableExport[]> {
    return [];
  }
  drop(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function setup(env: Record<string, string>) {
  const config = loadConfig(ProvisioningConfig, { INTERNAL_AUTH_VERIFY_KEYS: VERIFY_KEYS, SECRET_KEY: randomBytes(32).toString('base64'), INVITATION_KEY: randomBytes(32).toString('base64'), TENANT_SCHEMA_POOL_IDLE_MS: '100', ...env });
  const database = new CountingTenantDatabase();
  return { database, pool: new TenantSchemaPool(database, config, testLogger()) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(TenantSchemaPool.name, () => {
  it('fills the pool to its size once no tenant is being created, and refills what creates took only after a quiet spell', async () => {
    const { database, pool } = setup({ TENANT_ISOLATION: 'schema', TENANT_SCHEMA_POOL_SIZE: '3' });
    pool.onApplicationBootstrap();
    try {
      await waitFor(() => (database.pooled === 3 ? true : undefined), { timeoutMs: 5_000, intervalMs: 20, what: 'the pool at 3' });
      await sleep(300);
      expect(database.pooled).toBe(3);
      // Creates every 40 ms for 600 ms: the pool empties and nothing is refilled meanwhile.
      const until = Date.now() + 600;
      while (Date.now() < until) {
        await database.create();
        await sleep(40);
      }
      expect(database.pooled).toBe(0);
      await waitFor(() => (database.pooled === 3 ? true : undefined), { timeoutMs: 5_000, intervalMs: 20, what: 'the pool refilled' });
      expect(Date.now() - database.lastCreate).toBeGreaterThanOrEqual(100);
    } finally {
      await pool.beforeApplicationShutdown();
    }
  });

  // A failed refill is retried after 5 s.
  it('goes on after a failed refill', async () => {
    const { database, pool } = setup({ TENANT_ISOLATION_BY_PLAN: 'free:schema', TENANT_SCHEMA_POOL_SIZE: '2' });
    database.failNext = true;
    pool.onApplicationBootstrap();
    try {
      await waitFor(() => (database.pooled === 2 ? true : undefined), { timeoutMs: 10_000, intervalMs: 50, what: 'the pool at 2 after the failure' });
    } finally {
      await pool.beforeApplicationShutdown();
    }
  }, 15_000);

  it('makes nothing when no plan gets the schema tier, or when the size is 0', async () => {
    for (const env of [{ TENANT_ISOLATION: 'database' }, { TENANT_ISOLATION: 'schema', TENANT_SCHEMA_POOL_SIZE: '0' }] as Record<string, string>[]) {
      const { database, pool } = setup(env);
      pool.onApplicationBootstrap();
      await sleep(400);
      await pool.beforeApplicationShutdown();
      expect(database.pooled).toBe(0);
    }
  });
});
