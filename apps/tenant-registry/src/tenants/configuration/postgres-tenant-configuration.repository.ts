/** Configuration versions on PostgreSQL (schema tenant_registry). */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { applyMergePatch, ConfigurationDocument } from '@tenantry/tenant-api';
import { TenantConfigurationVersion } from './tenant-configuration.row';
import { TenantConfigurationRepository } from './tenant-configuration.repository';

interface VersionRow {
  tenant_id: string;
  version: number;
  document: ConfigurationDocument;
  changed_paths: string[];
  changed_by: string;
  request_id: string | null;
  reason: string | null;
  rolled_back_to: number | null;
  changed_at: Date;
}

const SELECT = `SELECT tenant_id, version, document, changed_paths, changed_by, request_id, reason, rolled_back_to, changed_at FROM tenant_configuration_versions`;

function toVersion(row: VersionRow): TenantConfigurationVersion {
  return {
    tenantId: row.tenant_id,
    version: row.version,
    document: row.document,
    changedPaths: row.changed_paths,
    changedBy: row.changed_by,
    requestId: row.request_id,
    reason: row.reason,
    rolledBackTo: row.rolled_back_to,
    changedAt: row.changed_at,
  };
}

@Injectable()
export class PostgresTenantConfigurationRepository extends TenantConfigurationRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async latest(scope: TenantScope, tx?: Transaction): Promise<TenantConfigurationVersion | null> {
    const manager = tx ? entityManagerOf(tx) : this.dataSource.manager;
    const rows = (await manager.query(`${SELECT} WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1`, [scope.tenantId])) as VersionRow[];
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async version(scope: TenantScope, version: number): Promise<TenantConfigurationVersion | null> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE tenant_id = $1 AND version = $2`, [scope.tenantId, version])) as VersionRow[];
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async list(scope: TenantScope, limit: number): Promise<TenantConfigurationVersion[]> {
    const rows = (await this.dataSource.query(`${SELECT} WHERE tenant_id = $1 ORDER BY version DESC LIMIT $2`, [scope.tenantId, limit])) as VersionRow[];
    return rows.map(toVersion);
  }

  async save(tx: Transaction, scope: TenantScope, version: TenantConfigurationVersion): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_configuration_versions (tenant_id, version, document, changed_paths, changed_by, request_id, reason, rolled_back_to, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [scope.tenantId, version.version, JSON.stringify(version.document), version.changedPaths, version.changedBy, version.requestId, version.reason, version.rolledBackTo, version.changedAt],
    );
  }

  async planDefaults(planId: string): Promise<ConfigurationDocument | null> {
    const rows = (await this.dataSource.query(`SELECT configuration, configuration_defaults FROM plans WHERE id = $1`, [planId])) as { configuration: ConfigurationDocument; configuration_defaults: ConfigurationDocument }[];
    const row = rows[0];
    return row ? (applyMergePatch(row.configuration, row.configuration_defaults) as ConfigurationDocument) : null;
  }
}
