/** Preferences on PostgreSQL (notifications.email_preferences). */
import { Injectable } from '@nestjs/common';
import { entityManagerOf, TenantScope, Transaction } from '@tenantry/persistence';
import { DataSource } from 'typeorm';
import { PreferenceRepository, PreferenceRow } from './preference.repository';

@Injectable()
export class PostgresPreferenceRepository extends PreferenceRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isEnabled(tx: Transaction, scope: TenantScope, recipient: string, category: string): Promise<boolean> {
    const rows = (await entityManagerOf(tx).query(`SELECT enabled FROM email_preferences WHERE tenant_id = $1 AND recipient = $2 AND category = $3`, [scope.tenantId, recipient.toLowerCase(), category])) as { enabled: boolean }[];
    return rows[0]?.enabled ?? true;
  }

  async list(scope: TenantScope): Promise<PreferenceRow[]> {
    return (await this.dataSource.query(`SELECT recipient, category, enabled FROM email_preferences WHERE tenant_id = $1 ORDER BY recipient, category`, [scope.tenantId])) as PreferenceRow[];
  }

  async set(tx: Transaction, scope: TenantScope, rows: PreferenceRow[], at: Date): Promise<void> {
    for (const row of rows) {
      await entityManagerOf(tx).query(
        `INSERT INTO email_preferences (tenant_id, recipient, category, enabled, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, recipient, category) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
        [scope.tenantId, row.recipient.toLowerCase(), row.category, row.enabled, at.toISOString()],
      );
    }
  }
}
