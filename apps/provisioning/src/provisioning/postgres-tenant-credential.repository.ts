/** Tenant credentials on PostgreSQL (provisioning.tenant_credential). */
import { Injectable } from '@nestjs/common';
import { insertOrExistingSql, TenantScope } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { IsolationTier, TenantDatabaseIdentity } from '../infrastructure/tenant-database';
import { TenantCredential, TenantCredentialRepository } from './tenant-credential.repository';

interface TenantCredentialRow {
  isolation: IsolationTier;
  database_name: string | null;
  schema_name: string;
  role_name: string;
  password_enc: string;
}

const ENSURE_SQL = insertOrExistingSql(
  'tenant_credential',
  ['tenant_id', 'isolation', 'database_name', 'schema_name', 'role_name', 'password_enc'],
  ['tenant_id'],
  ['isolation', 'database_name', 'schema_name', 'role_name', 'password_enc'],
);

function toCredential(row: TenantCredentialRow): TenantCredential {
  return { identity: { tier: row.isolation, database: row.database_name, schema: row.schema_name, role: row.role_name }, passwordEnc: row.password_enc };
}

@Injectable()
export class PostgresTenantCredentialRepository extends TenantCredentialRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<TenantCredential> {
    // One statement: the new record, or the first run's (kept, so a re-run uses the same names and password).
    const [row] = (await this.dataSource.query(ENSURE_SQL, [scope.tenantId, identity.tier, identity.database, identity.schema, identity.role, await seal()])) as TenantCredentialRow[];
    const stored = row ? toCredential(row) : await this.find(scope);
    if (!stored) throw new Error(`credential of tenant ${scope.tenantId} vanished`);
    return stored;
  }

  async find(scope: TenantScope): Promise<TenantCredential | undefined> {
    const [row] = (await this.dataSource.query(`SELECT isolation, database_name, schema_name, role_name, password_enc FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId])) as TenantCredentialRow[];
    return row ? toCredential(row) : undefined;
  }

  async remove(scope: TenantScope): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId]);
  }
}
