/** Export archive records on PostgreSQL (provisioning.tenant_export). */
import { Injectable } from '@nestjs/common';
import { TenantScope } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { TenantExport } from './tenant-export.row';
import { TenantExportRepository } from './tenant-export.repository';

interface ExportRow {
  saga_id: string;
  tenant_id: string;
  archive_path: string;
  sha256: string;
  bytes: string;
  created_at: Date;
  retained_until: Date;
}

@Injectable()
export class PostgresTenantExportRepository extends TenantExportRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async save(record: TenantExport): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenant_export (saga_id, tenant_id, archive_path, sha256, bytes, created_at, retained_until) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (saga_id) DO UPDATE SET archive_path = EXCLUDED.archive_path, sha256 = EXCLUDED.sha256, bytes = EXCLUDED.bytes, created_at = EXCLUDED.created_at, retained_until = EXCLUDED.retained_until`,
      [record.sagaId, record.tenantId, record.archivePath, record.sha256, record.bytes, record.createdAt, record.retainedUntil],
    );
  }

  async latestRetained(scope: TenantScope, now: Date): Promise<TenantExport | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT * FROM tenant_export WHERE tenant_id = $1 AND retained_until > $2 ORDER BY created_at DESC LIMIT 1`,
      [scope.tenantId, now],
    )) as ExportRow[];
    return row
      ? { sagaId: row.saga_id, tenantId: row.tenant_id, archivePath: row.archive_path, sha256: row.sha256, bytes: Number(row.bytes), createdAt: row.created_at, retainedUntil: row.retained_until }
      : undefined;
  }

  async takeExpired(now: Date, limit = 100): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `DELETE FROM tenant_export WHERE saga_id IN (SELECT saga_id FROM tenant_export WHERE retained_until <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING archive_path`,
      [now, limit],
    )) as [{ archive_path: string }[], number];
    return rows[0].map((row) => row.archive_path);
  }
}
