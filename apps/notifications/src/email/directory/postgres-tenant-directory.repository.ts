/** The tenant directory on PostgreSQL (notifications.tenant_directory). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { TenantBranding, TenantDirectory, TenantEntry } from './tenant-directory.repository';

interface Row {
  tenant_id: string;
  name: string | null;
  admin_email: string | null;
  language: string;
  branding: TenantBranding;
  hostname: string | null;
  invitation_expires_at: Date | null;
}

@Injectable()
export class PostgresTenantDirectory extends TenantDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async created(tx: Transaction, e: { tenantId: string; name: string; adminEmail: string; language: string; at: Date }): Promise<void> {
    await entityManagerOf(tx).query(
      `INSERT INTO tenant_directory (tenant_id, name, admin_email, language, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, admin_email = COALESCE(tenant_directory.admin_email, EXCLUDED.admin_email), language = EXCLUDED.language, updated_at = EXCLUDED.updated_at`,
      [e.tenantId, e.name, e.adminEmail.toLowerCase(), e.language, e.at.toISOString()],
    );
  }

  async configured(tx: Transaction, tenantId: string, change: { language?: string; branding: TenantBranding }, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`UPDATE tenant_directory SET language = COALESCE($2, language), branding = $3, updated_at = $4 WHERE tenant_id = $1`, [
      tenantId, change.language ?? null, JSON.stringify(change.branding), at.toISOString(),
    ]);
  }

  async adminInvited(tx: Transaction, tenantId: string, email: string, expiresAt: Date, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO tenant_directory (tenant_id, admin_email, invitation_expires_at, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id) DO UPDATE SET admin_email = EXCLUDED.admin_email, invitation_expires_at = EXCLUDED.invitation_expires_at, updated_at = EXCLUDED.updated_at`, [
      tenantId, email.toLowerCase(), expiresAt.toISOString(), at.toISOString(),
    ]);
  }

  async provisioned(tx: Transaction, tenantId: string, hostname: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO tenant_directory (tenant_id, hostname, updated_at) VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO UPDATE SET hostname = EXCLUDED.hostname, updated_at = EXCLUDED.updated_at`, [tenantId, hostname, at.toISOString()]);
  }

  async offboarded(tx: Transaction, tenantId: string, at: Date): Promise<void> {
    await entityManagerOf(tx).query(`INSERT INTO tenant_directory (tenant_id, offboarded_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (tenant_id) DO UPDATE SET offboarded_at = EXCLUDED.offboarded_at, updated_at = EXCLUDED.updated_at`, [tenantId, at.toISOString()]);
  }

  async reachableTenantIds(tx: Transaction): Promise<string[]> {
    const rows = (await entityManagerOf(tx).query(`SELECT tenant_id FROM tenant_directory WHERE offboarded_at IS NULL AND admin_email IS NOT NULL ORDER BY tenant_id`)) as { tenant_id: string }[];
    return rows.map((row) => row.tenant_id);
  }

  async get(tenantId: string, tx?: Transaction): Promise<TenantEntry | undefined> {
    const runner = tx ? entityManagerOf(tx) : this.dataSource;
    const rows = (await runner.query(`SELECT * FROM tenant_directory WHERE tenant_id = $1`, [tenantId])) as Row[];
    const r = rows[0];
    return r && {
      tenantId: r.tenant_id, ...(r.name ? { name: r.name } : {}), ...(r.admin_email ? { adminEmail: r.admin_email } : {}), language: r.language, branding: r.branding,
      ...(r.hostname ? { hostname: r.hostname } : {}), ...(r.invitation_expires_at ? { invitationExpiresAt: new Date(r.invitation_expires_at) } : {}),
    };
  }
}
