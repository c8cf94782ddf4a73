/**
 * Measures tenants in the tenant database (TENANT_DATABASE_URL): schema sizes in one grouped query,
 * and each tenant's users who logged in recently. Read-only; never creates anything there.
 */
import { OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { quoteIdent } from '@tenantry/persistence';

export abstract class TenantDatabaseProbe {
  /** Bytes per existing schema (tables with their indexes and TOAST, materialised views, sequences); missing schemas are left out. */
  abstract schemaSizes(schemas: readonly string[]): Promise<Map<string, string>>;
  /** The schemas whose `users` table records a last login (tenants provisioned before that column have none). */
  abstract schemasWithLastLogin(schemas: readonly string[]): Promise<Set<string>>;
  /** Ids of the schema's users whose last login is at or after `since`. */
  abstract activeUsers(schema: string, since: Date): Promise<string[]>;
}

export class PgTenantDatabaseProbe extends TenantDatabaseProbe implements OnApplicationShutdown {
  private pool?: Pool;

  constructor(private readonly url: string) {
    super();
  }

  async schemaSizes(schemas: readonly string[]): Promise<Map<string, string>> {
    if (schemas.length === 0) return new Map();
    const { rows } = await this.connect().query<{ schema_name: string; bytes: string }>(
      `SELECT n.nspname AS schema_name, COALESCE(sum(pg_total_relation_size(c.oid)), 0)::text AS bytes
       FROM pg_namespace n LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'm', 'S')
       WHERE n.nspname = ANY($1::text[])
       GROUP BY n.nspname`,
      [schemas],
    );
    return new Map(rows.map((row) => [row.schema_name, row.bytes]));
  }

  async schemasWithLastLogin(schemas: readonly string[]): Promise<Set<string>> {
    if (schemas.length === 0) return new Set();
    const { rows } = await this.connect().query<{ table_schema: string }>(
      `SELECT table_schema FROM information_schema.columns WHERE table_schema = ANY($1::text[]) AND table_name = 'users' AND column_name = 'last_login_at'`,
      [schemas],
    );
    return new Set(rows.map((row) => row.table_schema));
  }

  async activeUsers(schema: string, since: Date): Promise<string[]> {
    const { rows } = await this.connect().query<{ id: string }>(`SELECT id::text AS id FROM ${quoteIdent(schema)}.users WHERE last_login_at >= $1 ORDER BY id`, [since]);
    return rows.map((row) => row.id);
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private connect(): Pool {
    if (!this.pool) {
      this.pool = new Pool({ connectionString: this.url, max: 4, application_name: 'metering:collector' });
      // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }
}
