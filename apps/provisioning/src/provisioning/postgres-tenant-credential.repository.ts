/** Tenant credentials on PostgreSQL (provisioning.tenant_credential). */
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@tenantry/persistence';
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

@Injectable()
export class PostgresTenantCredentialRepository extends TenantCredentialRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<TenantCredential> {
    const existing = await this.find(scope);
    if (existing) return existing;
    await this.dataSource.query(
      `INSERT INTO tenant_credential (tenant_id, isolation, database_name, schema_name, role_name, password_enc) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id) DO NOTHING`,
      [scope.tenantId, identity.tier, identity.database, identity.schema, identity.role, await seal()],
    );
    const stored = await this.find(scope);
    if (!stored) throw new Error(`credential of tenant ${scope.tenantId} vanished`);
    return stored;
  }

  async find(scope: TenantScope): Promise<TenantCredential | undefined> {
    const [row] = (await this.dataSource.query(`SELECT isolation, database_name, schema_name, role_name, password_enc FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId])) as TenantCredentialRow[];
    if (!row) return undefined;
    return { identity: { tier: row.isolation, database: row.database_name, schema: row.schema_name, role: row.role_name }, passwordEnc: row.password_enc };
  }

  async remove(scope: TenantScope): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId]);
  }
}
