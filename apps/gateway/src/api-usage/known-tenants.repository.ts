/** Which of some tenant ids the gateway's tenant_status projection knows: usage and performance are reported for those only. */
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

@Injectable()
export class KnownTenantsRepository {
  async known(tenantIds: readonly string[], tx: EntityManager): Promise<Set<string>> {
    if (tenantIds.length === 0) return new Set();
    const rows = (await tx.query(`SELECT tenant_id FROM tenant_status WHERE tenant_id = ANY($1::uuid[])`, [tenantIds])) as { tenant_id: string }[];
    return new Set(rows.map((row) => row.tenant_id));
  }
}
