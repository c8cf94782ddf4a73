/** Known tenants, read from the tenant_status projection on PostgreSQL. */
import { entityManagerOf, Transaction } from '@tenantry/persistence';
import { Injectable } from '@nestjs/common';
import { KnownTenantsRepository } from './known-tenants.repository';

@Injectable()
export class PostgresKnownTenantsRepository extends KnownTenantsRepository {
  async known(tx: Transaction, tenantIds: readonly string[]): Promise<Set<string>> {
    if (tenantIds.length === 0) return new Set();
    const rows = (await entityManagerOf(tx).query(`SELECT tenant_id FROM tenant_status WHERE tenant_id = ANY($1::uuid[])`, [tenantIds])) as { tenant_id: string }[];
    return new Set(rows.map((row) => row.tenant_id));
  }
}
