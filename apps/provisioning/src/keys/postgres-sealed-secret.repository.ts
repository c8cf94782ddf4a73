/** The sealed secret columns of provisioning's schema, on PostgreSQL. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SealedSecret, SealedSecretKind, SealedSecretRepository } from './sealed-secret.repository';

const COLUMNS: Record<SealedSecretKind, { table: string; ref: string; tenant: string; sealed: string }> = {
  credential: { table: 'tenant_credential', ref: 'tenant_id::text', tenant: 'tenant_id::text', sealed: 'password_enc' },
  certificate: { table: 'tenant_certificate', ref: 'hostname', tenant: 'tenant_id::text', sealed: 'private_key_enc' },
  'certificate-authority': { table: 'certificate_authority', ref: 'name', tenant: 'NULL::text', sealed: 'private_key_enc' },
};

@Injectable()
export class PostgresSealedSecretRepository extends SealedSecretRepository {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async needingReseal(currentKeyId: string, limit: number, skip: readonly string[]): Promise<SealedSecret[]> {
    const rows = (await this.dataSource.query(`${this.selection()} ORDER BY kind, ref LIMIT $3`, [currentKeyId, skip, limit])) as { kind: SealedSecretKind; ref: string; tenant_id: string | null; sealed: string }[];
    return rows.map((row) => ({ kind: row.kind, ref: row.ref, tenantId: row.tenant_id, sealed: row.sealed }));
  }

  async replace(secret: SealedSecret, sealed: string): Promise<void> {
    const { table, ref, sealed: column } = COLUMNS[secret.kind];
    await this.dataSource.query(`UPDATE ${table} SET ${column} = $3 WHERE ${ref} = $1 AND ${column} = $2`, [secret.ref, secret.sealed, sealed]);
  }

  async countNeedingReseal(currentKeyId: string): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM (${this.selection()}) s`, [currentKeyId, []])) as { n: number }[];
    return row?.n ?? 0;
  }

  /** $1: the current master key id; $2: `kind:ref` pairs to leave out. */
  private selection(): string {
    return (Object.entries(COLUMNS) as [SealedSecretKind, (typeof COLUMNS)[SealedSecretKind]][])
      .map(([kind, c]) => {
        const stale = kind === 'certificate-authority' ? `${c.sealed} NOT LIKE ('mk1.' || $1 || '.%')` : `${c.sealed} LIKE 'v1.%'`;
        return `SELECT '${kind}' AS kind, ${c.ref} AS ref, ${c.tenant} AS tenant_id, ${c.sealed} AS sealed FROM ${c.table}
                WHERE ${stale} AND NOT ('${kind}:' || ${c.ref} = ANY($2::text[]))`;
      })
      .join(' UNION ALL ');
  }
}
