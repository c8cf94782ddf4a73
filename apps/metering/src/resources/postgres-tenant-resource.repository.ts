/** The resources projection on PostgreSQL (metering.tenant_resource). */
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantResource } from './tenant-resource.row';
import { TenantResourceRepository } from './tenant-resource.repository';

interface TenantResourceRow {
  tenant_id: string;
  schema_name: string;
  database_name: string | null;
  storage_root: string;
}

@Injectable()
export class PostgresTenantResourceRepository extends TenantResourceRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async register(tx: Transaction, resource: TenantResource & { at: Date }): Promise<void> {
    // A retirement may have been recorded first (it comes from another topic); it stays.
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_resource (tenant_id, schema_name, database_name, storage_root, provisioned_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (tenant_id) DO UPDATE SET schema_name = excluded.schema_name, database_name = excluded.database_name, storage_root = excluded.storage_root,
         provisioned_at = excluded.provisioned_at, updated_at = now()`,
      [resource.tenantId.toLowerCase(), resource.schemaName, resource.databaseName ?? null, resource.storageRoot, resource.at],
    );
  }

  async retire(tx: Transaction, scope: TenantScope & { at: Date }): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_resource (tenant_id, retired_at, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (tenant_id) DO UPDATE SET retired_at = COALESCE(tenant_resource.retired_at, excluded.retired_at), updated_at = now()`,
      [scope.tenantId.toLowerCase(), scope.at],
    );
  }

  async measured(): Promise<TenantResource[]> {
    const rows = (await this.dataSource.query(
      `SELECT tenant_id, schema_name, database_name, storage_root FROM tenant_resource
       WHERE retired_at IS NULL AND schema_name IS NOT NULL AND storage_root IS NOT NULL ORDER BY tenant_id`,
    )) as TenantResourceRow[];
    return rows.map((row) => ({ tenantId: row.tenant_id, schemaName: row.schema_name, ...(row.database_name ? { databaseName: row.database_name } : {}), storageRoot: row.storage_root }));
  }
}
