/** Tenant data keys on PostgreSQL (provisioning.tenant_data_key). */
import { Injectable } from '@nestjs/common';
import { insertOrExistingSql, TenantScope } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { WrappedDataKey } from '../infrastructure/master-keys';
import { StoredDataKey, TenantDataKeyRepository } from './tenant-data-key.repository';

interface DataKeyRow {
  tenant_id: string;
  wrapped_key: string;
  master_key_id: string;
}

const ENSURE_SQL = insertOrExistingSql('tenant_data_key', ['tenant_id', 'wrapped_key', 'master_key_id'], ['tenant_id'], ['tenant_id', 'wrapped_key', 'master_key_id']);

@Injectable()
export class PostgresTenantDataKeyRepository extends TenantDataKeyRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async ensure(scope: TenantScope, candidate: WrappedDataKey): Promise<WrappedDataKey> {
    // One statement: the candidate, or the stored key (which wins a race or a re-run).
    const [row] = (await this.dataSource.query(ENSURE_SQL, [scope.tenantId, candidate.wrapped, candidate.masterKeyId])) as DataKeyRow[];
    const stored = row ? { wrapped: row.wrapped_key, masterKeyId: row.master_key_id } : await this.find(scope);
    if (!stored) throw new Error(`data key of tenant ${scope.tenantId} vanished`);
    return stored;
  }

  async find(scope: TenantScope): Promise<WrappedDataKey | undefined> {
    const [row] = (await this.dataSource.query(`SELECT tenant_id, wrapped_key, master_key_id FROM tenant_data_key WHERE tenant_id = $1`, [scope.tenantId])) as DataKeyRow[];
    return row ? { wrapped: row.wrapped_key, masterKeyId: row.master_key_id } : undefined;
  }

  async destroy(scope: TenantScope): Promise<boolean> {
    const [, count] = (await this.dataSource.query(`DELETE FROM tenant_data_key WHERE tenant_id = $1`, [scope.tenantId])) as [unknown, number];
    return count > 0;
  }

  async rewrapBatch(currentKeyId: string, limit: number, skip: readonly string[], rewrap: (key: StoredDataKey) => WrappedDataKey): Promise<{ rewrapped: number; failed: string[] }> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT tenant_id, wrapped_key, master_key_id FROM tenant_data_key
         WHERE master_key_id <> $1 AND NOT (tenant_id = ANY($2::uuid[]))
         ORDER BY tenant_id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [currentKeyId, skip, limit],
      )) as DataKeyRow[];
      let rewrapped = 0;
      const failed: string[] = [];
      for (const row of rows) {
        let next: WrappedDataKey;
        try {
          next = rewrap({ tenantId: row.tenant_id, wrapped: row.wrapped_key, masterKeyId: row.master_key_id });
        } catch {
          failed.push(row.tenant_id);
          continue;
        }
        await tx.query(`UPDATE tenant_data_key SET wrapped_key = $2, master_key_id = $3, rewrapped_at = now() WHERE tenant_id = $1`, [row.tenant_id, next.wrapped, next.masterKeyId]);
        rewrapped += 1;
      }
      return { rewrapped, failed };
    });
  }

  async countNotUnder(currentKeyId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM tenant_data_key WHERE master_key_id <> $1`, [currentKeyId])) as { n: number }[];
    return row?.n ?? 0;
  }
}
