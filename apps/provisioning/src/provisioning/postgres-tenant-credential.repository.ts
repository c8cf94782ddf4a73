/** Tenant credentials on PostgreSQL (provisioning.tenant_credential). */
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';
import { TenantCredentialRepository } from './tenant-credential.repository';

@Injectable()
export class PostgresTenantCredentialRepository extends TenantCredentialRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ensure(scope: TenantScope, identity: TenantDatabaseIdentity, seal: () => Promise<string>): Promise<string> {
    const existing = await this.find(scope);
    if (existing) return existing;
    await this.dataSource.query(
      `INSERT INTO tenant_credential (tenant_id, schema_name, role_name, password_enc) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO NOTHING`,
      [scope.tenantId, identity.schema, identity.role, await seal()],
    );
    const stored = await this.find(scope);
    if (!stored) throw new Error(`credential of tenant ${scope.tenantId} vanished`);
    return stored;
  }

  async find(scope: TenantScope): Promise<string | undefined> {
    const [row] = (await this.dataSource.query(`SELECT password_enc FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId])) as { password_enc: string }[];
    return row?.password_enc;
  }

  async remove(scope: TenantScope): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_credential WHERE tenant_id = $1`, [scope.tenantId]);
  }
}
