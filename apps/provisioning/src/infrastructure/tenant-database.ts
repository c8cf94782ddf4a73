/**
 * The tenant data plane: per tenant, a schema in the tenant database owned by a LOGIN role that
 * can use nothing else, with the tenant baseline migrated inside it. Every operation is
 * idempotent, because a saga step may run again after a crash.
 */
import { Pool, PoolClient } from 'pg';
import { databaseName, ensureDatabase, quoteIdent } from '@tenantry/persistence';

export interface TenantDatabaseIdentity {
  schema: string;
  role: string;
}

export interface TenantAdmin {
  email: string;
  invitationTokenSha256: string;
  invitationExpiresAt: Date;
}

export interface TableExport {
  table: string;
  /** One JSON document per row. */
  rows: string[];
}

/** Schema `<prefix>_<uuid hex>` owned by role `<prefix>_<uuid hex>_app` (63-byte identifier limit respected). */
function tenantIdentity(tenantId: string, prefix = 't'): TenantDatabaseIdentity {
  const hex = tenantId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a tenant id: ${tenantId}`);
  return { schema: `${prefix}_${hex}`, role: `${prefix}_${hex}_app` };
}

/** What the shared tenant database withholds from tenant roles, and what it could not (not a superuser). */
export interface IsolationReport {
  database: string;
  /** PUBLIC keeps no CONNECT, TEMPORARY or CREATE on the database and nothing on schema `public`. */
  publicRevoked: boolean;
  /** Statistics views and functions, sizes and pg_class row estimates are closed to tenant roles. */
  statisticsHidden: boolean;
  problem?: string;
}

export abstract class TenantDatabase {
  abstract identity(tenantId: string): TenantDatabaseIdentity;
  /** Closes the shared database to PUBLIC and hides other tenants' statistics (idempotent; at every start). */
  abstract harden(): Promise<IsolationReport>;
  abstract createSchemaAndRole(identity: TenantDatabaseIdentity, password: string): Promise<void>;
  /** Applies the baseline migrations not yet in the schema; returns the versions applied now. */
  abstract applyBaseline(identity: TenantDatabaseIdentity): Promise<string[]>;
  abstract writeSettings(identity: TenantDatabaseIdentity, settings: Record<string, unknown>): Promise<void>;
  /** Inserts the first admin unless that e-mail is already a user; returns the user either way. */
  abstract ensureAdmin(identity: TenantDatabaseIdentity, admin: TenantAdmin): Promise<{ userId: string; invitationExpiresAt: Date }>;
  abstract exportTables(identity: TenantDatabaseIdentity): Promise<TableExport[]>;
  abstract drop(identity: TenantDatabaseIdentity): Promise<void>;
  abstract close(): Promise<void>;
}

interface BaselineMigration {
  version: string;
  statements: string[];
}

/** The tables every tenant schema starts with; append, never edit, once released. */
const TENANT_BASELINE: readonly BaselineMigration[] = [
  {
    version: '0001-baseline',
    statements: [
      `CREATE TABLE roles (name text PRIMARY KEY, permissions jsonb NOT NULL DEFAULT '[]', created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE users (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         email text NOT NULL UNIQUE,
         role text NOT NULL REFERENCES roles (name),
         status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
         invitation_token_sha256 text,
         invitation_expires_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE settings (key text PRIMARY KEY, value jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`,
      `CREATE TABLE audit_log (id bigserial PRIMARY KEY, actor text NOT NULL, action text NOT NULL, detail jsonb NOT NULL DEFAULT '{}', at timestamptz NOT NULL DEFAULT now())`,
      `INSERT INTO roles (name, permissions) VALUES ('admin', '["*"]'), ('member', '["read", "write"]'), ('viewer', '["read"]')`,
    ],
  },
  {
    // Set by the tenant's application on sign-in; metering's collectors count users active in the last 30 days.
    version: '0002-user-last-login',
    statements: [`ALTER TABLE users ADD COLUMN IF NOT EXISTS last_login_at timestamptz`],
  },
];

/**
 * What PUBLIC (so every tenant role) may not do in the tenant database: connect (each tenant role
 * gets CONNECT alone), create temporary tables, use schema `public`, read the statistics views
 * (pg_stat_*, pg_statio_*: other tenants' row counts, sessions), call the functions behind them or
 * the size functions, or read pg_class's row and page estimates (reltuples, relpages,
 * relallvisible; every other column stays readable for tools). Monitoring roles keep all of it
 * through pg_read_all_stats. Catalog privileges are per database: nothing here changes another.
 * Revoking on pg_catalog objects takes a superuser.
 */
const HARDEN_STATEMENTS = (database: string): string[] => [
  `REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`,
  `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
  `DO $harden$
   DECLARE r record;
   BEGIN
     FOR r IN SELECT c.oid::regclass AS rel FROM pg_catalog.pg_class c
              WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'v'
                AND (c.relname LIKE 'pg\\_stat\\_%' OR c.relname LIKE 'pg\\_statio\\_%')
     LOOP
       EXECUTE format('REVOKE SELECT ON %s FROM PUBLIC', r.rel);
       EXECUTE format('GRANT SELECT ON %s TO pg_read_all_stats', r.rel);
     END LOOP;
     FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND (p.proname LIKE 'pg\\_stat\\_get\\_%' OR p.proname IN ('pg_relation_size', 'pg_total_relation_size', 'pg_table_size', 'pg_indexes_size', 'pg_database_size'))
     LOOP
       EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', r.fn);
       EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO pg_read_all_stats', r.fn);
     END LOOP;
     REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC;
     EXECUTE (SELECT format('GRANT SELECT (%s) ON pg_catalog.pg_class TO PUBLIC', string_agg(quote_ident(attname), ', ' ORDER BY attnum))
              FROM pg_catalog.pg_attribute
              WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0 AND NOT attisdropped
                AND attname NOT IN ('reltuples', 'relpages', 'relallvisible'));
   END $harden$`,
];

/** Role and ACL changes of different tenants touch the same catalog rows; serialise them. */
const ACL_LOCK = 'tenantry:tenant-acl';
const UNDEFINED_OBJECT = '42704';

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export class PgTenantDatabase extends TenantDatabase {
  private pool?: Pool;
  private readonly database: string;

  constructor(
    private readonly url: string,
    private readonly prefix = 't',
  ) {
    super();
    this.database = databaseName(url);
  }

  identity(tenantId: string): TenantDatabaseIdentity {
    return tenantIdentity(tenantId, this.prefix);
  }

  async harden(): Promise<IsolationReport> {
    const report: IsolationReport = { database: this.database, publicRevoked: false, statisticsHidden: false };
    try {
      await this.transaction(async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACL_LOCK]);
        for (const statement of HARDEN_STATEMENTS(this.database)) await client.query(statement);
      });
    } catch (error) {
      report.problem = error instanceof Error ? error.message : String(error);
    }
    // A REVOKE without the right to make it only warns: read what holds.
    const pool = await this.connect();
    const { rows } = await pool.query<{ public_db: boolean; public_schema: boolean; stats: boolean; estimates: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a WHERE d.datname = current_database() AND a.grantee = 0) AS public_db,
              EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(COALESCE(n.nspacl, acldefault('n', n.nspowner))) a WHERE n.nspname = 'public' AND a.grantee = 0) AS public_schema,
              has_table_privilege('public', 'pg_catalog.pg_stat_all_tables', 'SELECT') OR has_function_privilege('public', 'pg_catalog.pg_stat_get_live_tuples(oid)', 'EXECUTE') AS stats,
              has_column_privilege('public', 'pg_catalog.pg_class', 'reltuples', 'SELECT') AS estimates`,
    );
    const row = rows[0];
    report.publicRevoked = row !== undefined && !row.public_db && !row.public_schema;
    report.statisticsHidden = row !== undefined && !row.stats && !row.estimates;
    return report;
  }

  async createSchemaAndRole({ schema, role }: TenantDatabaseIdentity, password: string): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACL_LOCK]);
      const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      // The password is a literal in DDL (no bind parameters there); it is hex, and never logged.
      const verb = rowCount ? 'ALTER' : 'CREATE';
      await client.query(`${verb} ROLE ${quoteIdent(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal(password)}`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(role)}`);
      await client.query(`REVOKE ALL ON SCHEMA ${quoteIdent(schema)} FROM PUBLIC`);
      // Nobody reaches the database or its public schema by default; each tenant role gets CONNECT only.
      await client.query(`REVOKE ALL ON DATABASE ${quoteIdent(this.database)} FROM PUBLIC`);
      await client.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
      await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(this.database)} TO ${quoteIdent(role)}`);
      await client.query(`ALTER ROLE ${quoteIdent(role)} IN DATABASE ${quoteIdent(this.database)} SET search_path = ${quoteIdent(schema)}`);
    });
  }

  async applyBaseline(identity: TenantDatabaseIdentity): Promise<string[]> {
    return this.asTenant(identity, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`tenant-baseline:${identity.schema}`]);
      await client.query(`CREATE TABLE IF NOT EXISTS baseline_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: string }>(`SELECT version FROM baseline_migrations`);
      const done = new Set(rows.map((row) => row.version));
      const applied: string[] = [];
      for (const migration of TENANT_BASELINE) {
        if (done.has(migration.version)) continue;
        for (const statement of migration.statements) await client.query(statement);
        await client.query(`INSERT INTO baseline_migrations (version) VALUES ($1)`, [migration.version]);
        applied.push(migration.version);
      }
      return applied;
    });
  }

  async writeSettings(identity: TenantDatabaseIdentity, settings: Record<string, unknown>): Promise<void> {
    await this.asTenant(identity, async (client) => {
      for (const [key, value] of Object.entries(settings)) {
        await client.query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`, [key, JSON.stringify(value)]);
      }
      await client.query(`INSERT INTO audit_log (actor, action, detail) VALUES ('system:provisioning', 'settings.initialised', $1)`, [JSON.stringify({ keys: Object.keys(settings) })]);
    });
  }

  async ensureAdmin(identity: TenantDatabaseIdentity, admin: TenantAdmin): Promise<{ userId: string; invitationExpiresAt: Date }> {
    return this.asTenant(identity, async (client) => {
      const inserted = await client.query<{ id: string; invitation_expires_at: Date }>(
        `INSERT INTO users (email, role, status, invitation_token_sha256, invitation_expires_at) VALUES ($1, 'admin', 'invited', $2, $3)
         ON CONFLICT (email) DO NOTHING RETURNING id, invitation_expires_at`,
        [admin.email.toLowerCase(), admin.invitationTokenSha256, admin.invitationExpiresAt],
      );
      const row = inserted.rows[0] ?? (await client.query<{ id: string; invitation_expires_at: Date }>(`SELECT id, invitation_expires_at FROM users WHERE email = $1`, [admin.email.toLowerCase()])).rows[0];
      if (!row) throw new Error('admin user neither inserted nor found');
      if (inserted.rows[0]) {
        await client.query(`INSERT INTO audit_log (actor, action, detail) VALUES ('system:provisioning', 'user.invited', $1)`, [JSON.stringify({ userId: row.id, role: 'admin' })]);
      }
      return { userId: row.id, invitationExpiresAt: row.invitation_expires_at };
    });
  }

  async exportTables({ schema }: TenantDatabaseIdentity): Promise<TableExport[]> {
    const pool = await this.connect();
    const { rows: tables } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
      [schema],
    );
    const exports: TableExport[] = [];
    for (const { table_name: table } of tables) {
      const { rows } = await pool.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${quoteIdent(schema)}.${quoteIdent(table)} t`);
      exports.push({ table, rows: rows.map((row) => row.line) });
    }
    return exports;
  }

  async drop({ schema, role }: TenantDatabaseIdentity): Promise<void> {
    await this.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACL_LOCK]);
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      if (rowCount) {
        await client.query(`DROP OWNED BY ${quoteIdent(role)}`);
        await client.query(`DROP ROLE ${quoteIdent(role)}`).catch((error: unknown) => {
          if ((error as { code?: string }).code !== UNDEFINED_OBJECT) throw error;
        });
      }
    });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  /** Nest calls this on shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private async connect(): Promise<Pool> {
    if (!this.pool) {
      await ensureDatabase(this.url);
      this.pool = new Pool({ connectionString: this.url, max: 4, application_name: 'provisioning:tenant-admin' });
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await (await this.connect()).connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Runs as the tenant's role inside its schema, so whatever it creates belongs to the tenant. */
  private asTenant<T>({ schema, role }: TenantDatabaseIdentity, work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.transaction(async (client) => {
      await client.query(`SET LOCAL ROLE ${quoteIdent(role)}`);
      await client.query(`SET LOCAL search_path = ${quoteIdent(schema)}`);
      return work(client);
    });
  }
}
