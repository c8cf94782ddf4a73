/**
 * Measures tenants on the tenant database server (TENANT_DATABASE_URL): in the shared tier, schema
 * sizes in the shared database in one grouped query; in the database-per-tenant tier, each
 * tenant's whole database (pg_database_size, one query for all); and each tenant's users who
 * logged in recently, in whichever database holds its schema. Read-only; never creates anything.
 */
import { OnApplicationShutdown } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { quoteIdent } from '@tenantry/persistence';

export abstract class TenantDatabaseProbe {
  /** Bytes per existing schema (tables with their indexes and TOAST, materialised views, sequences); missing schemas are left out. */
  abstract schemaSizes(schemas: readonly string[]): Promise<Map<string, string>>;
  /** The schemas whose `users` table records a last login (tenants provisioned before that column have none). */
  abstract schemasWithLastLogin(schemas: readonly string[]): Promise<Set<string>>;
  /** Ids of the schema's users whose last login is at or after `since`. */
  abstract activeUsers(schema: string, since: Date): Promise<string[]>;
  /** Bytes per existing tenant database (pg_database_size); missing databases are left out. */
  abstract databaseSizes(databases: readonly string[]): Promise<Map<string, string>>;
  /** As `activeUsers`, for a schema in a tenant's own database; undefined when its `users` has no `last_login_at`. */
  abstract activeUsersInDatabase(database: string, schema: string, since: Date): Promise<string[] | undefined>;
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

  async databaseSizes(databases: readonly string[]): Promise<Map<string, string>> {
    if (databases.length === 0) return new Map();
    // Any database of the server answers for all: pg_database is cluster-wide. Needs CONNECT on each or pg_read_all_stats.
    const { rows } = await this.connect().query<{ name: string; bytes: string }>(
      `SELECT datname AS name, pg_database_size(oid)::text AS bytes FROM pg_database WHERE datname = ANY($1::text[])`,
      [databases],
    );
    return new Map(rows.map((row) => [row.name, row.bytes]));
  }

  async activeUsersInDatabase(database: string, schema: string, since: Date): Promise<string[] | undefined> {
    const url = new URL(this.url);
    url.pathname = `/${encodeURIComponent(database)}`;
    // One short connection per tenant and run: a pool per tenant database would hold connections on every one.
    const client = new Client({ connectionString: url.toString(), application_name: 'metering:collector' });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rowCount } = await client.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'users' AND column_name = 'last_login_at'`, [schema]);
      if (!rowCount) return undefined;
      const { rows } = await client.query<{ id: string }>(`SELECT id::text AS id FROM ${quoteIdent(schema)}.users WHERE last_login_at >= $1 ORDER BY id`, [since]);
      return rows.map((row) => row.id);
    } finally {
      await client.end();
    }
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
