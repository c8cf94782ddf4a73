/** The tenant roles' sealed passwords, so the data plane (and tests) can connect as a tenant. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantDatabaseIdentity } from '../infrastructure/tenant-database';

@Injectable()
export class TenantCredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the stored sealed password, storing `seal()` first if there is none. */
  async ensure(tenantId: string, identity: TenantDatabaseIdentity, seal: () => string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO tenant_credential (tenant_id, schema_name, role_name, password_enc) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id) DO NOTHING`,
      [tenantId, identity.schema, identity.role, seal()],
    );
    const [row] = (await this.dataSource.query(`SELECT password_enc FROM tenant_credential WHERE tenant_id = $1`, [tenantId])) as { password_enc: string }[];
    if (!row) throw new Error(`credential of tenant ${tenantId} vanished`);
    return row.password_enc;
  }

  async remove(tenantId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM tenant_credential WHERE tenant_id = $1`, [tenantId]);
  }
}
