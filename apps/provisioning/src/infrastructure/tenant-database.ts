/**
 * The tenant data plane, in one of two isolation tiers (README, "Isolation tiers"): a PostgreSQL
 * database of the tenant's own (`database`), or a schema in the shared tenant database (`schema`);
 * either way a LOGIN role that can use nothing else, with the tenant baseline migrated inside.
 * Every operation is idempotent, because a saga step may run again after a crash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client, Pool, PoolClient, QueryResult } from 'pg';
import { databaseName, ensureDatabase, SERVICE_IDLE_CONNECTION_MS, quoteIdent } from '@tenantry/persistence';

export type IsolationTier = 'database' | 'schema';

/** Where a tenant's data lives and as whom it is reached, as `tenant_credential` records it. */
export interface TenantDatabaseIdentity {
  tier: IsolationTier;
  /** The tenant's own database (tier `database`); null: the shared tenant database (TENANT_DATABASE_URL's). */
  database: string | null;
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

/**
 * `<prefix>_<32 hex>`: the first 128 bits of SHA-256 over the tenant id. Database and role names
 * are cluster-wide (every role reads pg_database and pg_roles, and `regrole` prints any role's
 * name), so they must not carry the tenant id; a hash reveals none, and is the same on every run
 * of a step, so a retried step finds what an interrupted one created. 10 + 1 + 32 bytes, within
 * the 63-byte identifier limit.
 */
export function opaqueTenantName(tenantId: string, prefix = 't'): string {
  const id = tenantId.toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new Error(`not a tenant id: ${tenantId}`);
  return `${prefix}_${createHash('sha256').update(`tenantry:tenant-database:${id}`).digest('hex').slice(0, 32)}`;
}

/** What a database withholds from tenant roles, and what it could not (not a superuser). */
export interface IsolationReport {
  database: string;
  /** PUBLIC keeps no CONNECT, TEMPORARY or CREATE on the database and nothing on schema `public`. */
  publicRevoked: boolean;
  /** Statistics views and functions, sizes and pg_class row estimates are closed to tenant roles. */
  statisticsHidden: boolean;
  problem?: string;
}

export abstract class TenantDatabase {
  /**
   * A new tenant's identity in `tier`: database (tier `database`), schema and role all named
   * `opaqueTenantName`, so the role's default search_path (`"$user"`) is its schema.
   */
  abstract identity(tenantId: string, tier: IsolationTier): TenantDatabaseIdentity;
  /** Closes the shared database to PUBLIC and hides other tenants' statistics (idempotent; at every start). */
  abstract harden(): Promise<IsolationReport>;
  /**
   * Creates what is missing of the role, the database (tier `database`: closed to PUBLIC before
   * anyone can connect, CONNECT for the role and pg_read_all_stats only, hardened like the shared one) and the schema
   * owned by the role; sets the password. Returns how the tenant's database was hardened.
   */
  abstract create(identity: TenantDatabaseIdentity, password: string): Promise<IsolationReport>;
  /**
   * Schema tier only: schemas made ahead of time in the shared tenant database, each with its
   * NOLOGIN role, CONNECT and the baseline (README, "Schema pool"). `create` claims one by renaming
   * it to the tenant's names, so a burst of new tenants skips most of the DDL.
   */
  abstract pooledSchemas(): Promise<number>;
  /** Makes one pooled schema. */
  abstract addPooledSchema(): Promise<void>;
  /** When `create` last ran, in ms since the epoch (0: never): the pool is refilled when tenants are not being created. */
  abstract lastCreateAt(): number;
  /** Applies the baseline migrations not yet in the schema; returns the versions applied now. */
  abstract applyBaseline(identity: TenantDatabaseIdentity): Promise<string[]>;
  abstract writeSettings(identity: TenantDatabaseIdentity, settings: Record<string, unknown>): Promise<void>;
  /** Inserts the first admin unless that e-mail is already a user; returns the user either way. */
  abstract ensureAdmin(identity: TenantDatabaseIdentity, admin: TenantAdmin): Promise<{ userId: string; invitationExpiresAt: Date }>;
  abstract exportTables(identity: TenantDatabaseIdentity): Promise<TableExport[]>;
  /** Drops the tenant's database `WITH (FORCE)` (tier `database`) or schema, then its role; what is gone already is skipped. */
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
  {
    // An import's optional display name (POST /tenants/{id}/imports?target=users).
    version: '0003-user-name',
    statements: [`ALTER TABLE users ADD COLUMN IF NOT EXISTS name text`],
  },
];

/**
 * What PUBLIC (so every tenant role) may not do in a tenant database, the shared one or a tenant's
 * own: connect (each tenant role gets CONNECT alone), create temporary tables, use schema
 * `public`, read the statistics views (pg_stat_*, pg_statio_*: other tenants' row counts; and,
 * cluster-wide even in a database of one tenant, pg_stat_activity's sessions and
 * pg_stat_database's databases), call the functions behind them or
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

/** `<prefix>_pool_<24 hex>`: a pooled schema and its role, the same name; random, so it reveals nothing. */
export function pooledSchemaName(prefix: string): string {
  return `${prefix}_pool_${randomBytes(12).toString('hex')}`;
}

/** LIKE pattern of every pooled schema's name under `prefix` (the underscores literal). */
function pooledSchemaPattern(prefix: string): string {
  return `${prefix}\\_pool\\_%`;
}

/** Role and ACL changes of different tenants touch the same catalog rows; serialise them. */
const ACL_LOCK = 'tenantry:tenant-acl';
const UNDEFINED_OBJECT = '42704';
const DUPLICATE_DATABASE = '42P04';

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function problemOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The tenant's LOGIN role with its password, created or (a repeated step) reset: one statement, so
 * it joins the caller's transaction. The password is a literal in DDL (no bind parameters there);
 * it is alphanumeric, and never logged.
 */
function roleStatements(role: string, password: string): string[] {
  const attributes = `WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal(password)}`;
  return [
    `DO $role$ BEGIN
       IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${literal(role)}) THEN ALTER ROLE ${quoteIdent(role)} ${attributes};
       ELSE CREATE ROLE ${quoteIdent(role)} ${attributes};
       END IF;
     END $role$`,
  ];
}

/**
 * The schema owned by the tenant's role, closed to PUBLIC; in the shared database (tier `schema`)
 * CONNECT for the role. The statements on shared catalog rows (the database's ACL, schema
 * `public`) come last, behind the lock that serialises them between tenants: it is held only from
 * there to the commit.
 */
function schemaStatements(identity: TenantDatabaseIdentity, database: string): string[] {
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(identity.schema)} AUTHORIZATION ${quoteIdent(identity.role)}`,
    `REVOKE ALL ON SCHEMA ${quoteIdent(identity.schema)} FROM PUBLIC`,
    `SELECT pg_advisory_xact_lock(hashtext(${literal(ACL_LOCK)}))`,
  ];
  if (identity.tier === 'schema') {
    // Nobody reaches the shared database or its public schema by default; each tenant role gets CONNECT only.
    statements.push(
      `REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
      `GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(identity.role)}`,
    );
  }
  // Tenants named before opaque names have a schema that is not their role's name ("$user").
  if (identity.schema !== identity.role) {
    statements.push(`ALTER ROLE ${quoteIdent(identity.role)} IN DATABASE ${quoteIdent(database)} SET search_path = ${quoteIdent(identity.schema)}`);
  }
  return statements;
}

/**
 * One round trip: unless the tenant's role exists already (a repeated step), the first pooled
 * schema another claim does not hold (a transaction advisory lock per name; the role and schema
 * still there once held, as a claim that committed meanwhile removes them) is renamed to the
 * tenant's names, its role given LOGIN and the password. It has CONNECT and the baseline from when
 * it was made. The last statement answers the name claimed, or '' when none was.
 */
function claimStatements(identity: TenantDatabaseIdentity, prefix: string, password: string): string[] {
  return [
    `SELECT set_config('tenantry.claimed', '', true)`,
    `DO $claim$
     DECLARE candidate text;
     BEGIN
       IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${literal(identity.role)}) THEN RETURN; END IF;
       FOR candidate IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE ${literal(pooledSchemaPattern(prefix))} ORDER BY nspname LIMIT 64 LOOP
         IF pg_try_advisory_xact_lock(hashtext('tenant-pool:' || candidate))
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = candidate)
            AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = candidate) THEN
           EXECUTE format('ALTER SCHEMA %I RENAME TO %I', candidate, ${literal(identity.schema)});
           EXECUTE format('ALTER ROLE %I RENAME TO %I', candidate, ${literal(identity.role)});
           EXECUTE format('ALTER ROLE %I WITH LOGIN PASSWORD %L', ${literal(identity.role)}, ${literal(password)});
           PERFORM set_config('tenantry.claimed', candidate, true);
           RETURN;
         END IF;
       END LOOP;
     END $claim$`,
    `SELECT current_setting('tenantry.claimed') AS claimed`,
  ];
}

function asTenantStatements(identity: TenantDatabaseIdentity): string[] {
  return [`SET LOCAL ROLE ${quoteIdent(identity.role)}`, `SET LOCAL search_path = ${quoteIdent(identity.schema)}`];
}

const BASELINE_TABLE = `CREATE TABLE IF NOT EXISTS baseline_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;

/** Every baseline migration in one DO block, each applied (with its row in baseline_migrations) unless recorded already. */
function baselineBlock(): string {
  const steps = TENANT_BASELINE.map(
    (migration) => `IF NOT EXISTS (SELECT 1 FROM baseline_migrations WHERE version = ${literal(migration.version)}) THEN
       ${migration.statements.map((statement) => `${statement};`).join('\n       ')}
       INSERT INTO baseline_migrations (version) VALUES (${literal(migration.version)});
     END IF;`,
  );
  return `DO $baseline$ BEGIN
     ${steps.join('\n     ')}
   END $baseline$`;
}

export class PgTenantDatabase extends TenantDatabase {
  private pool?: Pool;
  private lastCreate = 0;
  /** The shared tenant database: schema-tier tenants live there; database-tier ones are created from a connection to it. */
  private readonly shared: string;

  constructor(
    private readonly url: string,
    private readonly prefix = 't',
    /** Connections to the shared tenant database: as many as sagas run at once, so none waits for another's. */
    private readonly poolSize = 4,
  ) {
    super();
    this.shared = databaseName(url);
  }

  identity(tenantId: string, tier: IsolationTier): TenantDatabaseIdentity {
    const name = opaqueTenantName(tenantId, this.prefix);
    return { tier, database: tier === 'database' ? name : null, schema: name, role: name };
  }

  async harden(): Promise<IsolationReport> {
    return this.hardenDatabase(this.shared);
  }

  async create(identity: TenantDatabaseIdentity, password: string): Promise<IsolationReport> {
    this.lastCreate = Date.now();
    const database = this.databaseOf(identity);
    if (identity.tier === 'schema') {
      if (identity.schema === identity.role) {
        const claimed = await this.script(database, claimStatements(identity, this.prefix, password));
        if ((claimed.at(-1)?.rows[0] as { claimed?: string } | undefined)?.claimed) return { database, publicRevoked: true, statisticsHidden: true };
      }
      // None pooled, or a repeated step: one round trip and one commit, the role, the schema and the grants in one implicit transaction.
      await this.script(database, [...roleStatements(identity.role, password), ...schemaStatements(identity, database)]);
      return { database, publicRevoked: true, statisticsHidden: true };
    }
    // CREATE DATABASE runs in no transaction, and needs the role for its grants: role first, then the database.
    await this.script(this.shared, roleStatements(identity.role, password));
    await this.ensureOwnDatabase(database, identity.role);
    await this.script(database, schemaStatements(identity, database));
    // The tenant's own database is hardened as the shared one is at start: catalogs are per database.
    return this.hardenDatabase(database);
  }

  async pooledSchemas(): Promise<number> {
    const pool = await this.connect();
    const { rows } = await pool.query<{ pooled: number }>(`SELECT count(*)::int AS pooled FROM pg_catalog.pg_namespace WHERE nspname LIKE $1`, [pooledSchemaPattern(this.prefix)]);
    return rows[0]?.pooled ?? 0;
  }

  async addPooledSchema(): Promise<void> {
    const name = pooledSchemaName(this.prefix);
    const identity: TenantDatabaseIdentity = { tier: 'schema', database: null, schema: name, role: name };
    // One transaction: a role that cannot log in until claimed, its schema closed to PUBLIC, the
    // baseline made as that role, and CONNECT (last: its lock is held to the commit). A crash
    // leaves nothing, or a whole pooled schema.
    await this.script(this.shared, [
      `CREATE ROLE ${quoteIdent(name)} WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT`,
      `CREATE SCHEMA ${quoteIdent(name)} AUTHORIZATION ${quoteIdent(name)}`,
      `REVOKE ALL ON SCHEMA ${quoteIdent(name)} FROM PUBLIC`,
      ...asTenantStatements(identity),
      BASELINE_TABLE,
      baselineBlock(),
      `RESET ROLE`,
      `SELECT pg_advisory_xact_lock(hashtext(${literal(ACL_LOCK)}))`,
      `GRANT CONNECT ON DATABASE ${quoteIdent(this.shared)} TO ${quoteIdent(name)}`,
    ]);
  }

  lastCreateAt(): number {
    return this.lastCreate;
  }

  async applyBaseline(identity: TenantDatabaseIdentity): Promise<string[]> {
    // One round trip: as the tenant's role (so it owns what is created), under the schema's lock, the
    // versions found first, then a DO block applying each missing one with its bookkeeping row.
    const before = [
      ...asTenantStatements(identity),
      `SELECT pg_advisory_xact_lock(hashtext(${literal(`tenant-baseline:${identity.schema}`)}))`,
      BASELINE_TABLE,
    ];
    const results = await this.script(this.databaseOf(identity), [...before, `SELECT version FROM baseline_migrations`, baselineBlock()]);
    const found = new Set((results[before.length]?.rows ?? []).map((row) => String((row as { version: unknown }).version)));
    return TENANT_BASELINE.map((migration) => migration.version).filter((version) => !found.has(version));
  }

  async writeSettings(identity: TenantDatabaseIdentity, settings: Record<string, unknown>): Promise<void> {
    // One statement: every key upserted from the JSON object, and the audit row.
    await this.asTenant(identity, async (client) => {
      await client.query(
        `WITH written AS (
           INSERT INTO settings (key, value) SELECT key, value FROM jsonb_each($1::jsonb)
           ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now())
         INSERT INTO audit_log (actor, action, detail) VALUES ('system:provisioning', 'settings.initialised', $2)`,
        [JSON.stringify(settings), JSON.stringify({ keys: Object.keys(settings) })],
      );
    });
  }

  async ensureAdmin(identity: TenantDatabaseIdentity, admin: TenantAdmin): Promise<{ userId: string; invitationExpiresAt: Date }> {
    return this.asTenant(identity, async (client) => {
      // One statement: the insert, its audit row only if it inserted, and the user either way (an
      // existing one is read from the statement's snapshot, which the insert does not change).
      const { rows } = await client.query<{ id: string; invitation_expires_at: Date }>(
        `WITH inserted AS (
           INSERT INTO users (email, role, status, invitation_token_sha256, invitation_expires_at) VALUES ($1, 'admin', 'invited', $2, $3)
           ON CONFLICT (email) DO NOTHING RETURNING id, invitation_expires_at),
         audited AS (
           INSERT INTO audit_log (actor, action, detail) SELECT 'system:provisioning', 'user.invited', jsonb_build_object('userId', id, 'role', 'admin') FROM inserted)
         SELECT id, invitation_expires_at FROM inserted
         UNION ALL
         SELECT id, invitation_expires_at FROM users WHERE email = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
        [admin.email.toLowerCase(), admin.invitationTokenSha256, admin.invitationExpiresAt],
      );
      const row = rows[0];
      if (!row) throw new Error('admin user neither inserted nor found');
      return { userId: row.id, invitationExpiresAt: row.invitation_expires_at };
    });
  }

  async exportTables(identity: TenantDatabaseIdentity): Promise<TableExport[]> {
    return this.transaction(this.databaseOf(identity), async (client) => {
      const { rows: tables } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
        [identity.schema],
      );
      const exports: TableExport[] = [];
      for (const { table_name: table } of tables) {
        const { rows } = await client.query<{ line: string }>(`SELECT row_to_json(t)::text AS line FROM ${quoteIdent(identity.schema)}.${quoteIdent(table)} t`);
        exports.push({ table, rows: rows.map((row) => row.line) });
      }
      return exports;
    });
  }

  async drop(identity: TenantDatabaseIdentity): Promise<void> {
    const { schema, role } = identity;
    if (identity.tier === 'database') {
      // Not in a transaction (Postgres refuses); FORCE ends the tenant's sessions first. Gone already: nothing happens.
      const pool = await this.connect();
      await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(this.databaseOf(identity))} WITH (FORCE)`);
    }
    await this.transaction(this.shared, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACL_LOCK]);
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
      if (identity.tier === 'schema') await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      const { rowCount } = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
      if (rowCount) {
        // Also revokes its privileges on shared objects (CONNECT on databases).
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

  private databaseOf(identity: TenantDatabaseIdentity): string {
    return identity.database ?? this.shared;
  }

  /**
   * CREATE DATABASE cannot run in a transaction, so this is made safe to repeat instead: under a
   * session advisory lock, create the database only if pg_database does not list it, with
   * connections refused until PUBLIC has lost CONNECT and TEMPORARY and the role has CONNECT, then
   * allow them. A crash anywhere leaves a state the next run completes (the name is the same),
   * and the compensation or `drop-database` removes whatever exists.
   */
  private async ensureOwnDatabase(database: string, role: string): Promise<void> {
    const client = await (await this.connect()).connect();
    const lock = `tenant-database:${database}`;
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [lock]);
      try {
        const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
        if (!rowCount) {
          await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE template0 ALLOW_CONNECTIONS false`).catch((error: unknown) => {
            if ((error as { code?: string }).code !== DUPLICATE_DATABASE) throw error;
          });
        }
        await client.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
        await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
        // Monitoring (metering's collectors count active users in each tenant database) connects as a member of pg_read_all_stats; tenant roles are not.
        await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO pg_read_all_stats`);
        await client.query(`ALTER DATABASE ${quoteIdent(database)} ALLOW_CONNECTIONS true`);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [lock]);
      }
    } finally {
      client.release();
    }
  }

  private async hardenDatabase(database: string): Promise<IsolationReport> {
    const report: IsolationReport = { database, publicRevoked: false, statisticsHidden: false };
    try {
      await this.transaction(database, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [ACL_LOCK]);
        for (const statement of HARDEN_STATEMENTS(database)) await client.query(statement);
      });
    } catch (error) {
      report.problem = problemOf(error);
    }
    // A REVOKE without the right to make it only warns: read what holds.
    const [row] = await this.transaction(database, async (client) =>
      (
        await client.query<{ public_db: boolean; public_schema: boolean; stats: boolean; estimates: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(COALESCE(d.datacl, acldefault('d', d.datdba))) a WHERE d.datname = current_database() AND a.grantee = 0) AS public_db,
                  EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(COALESCE(n.nspacl, acldefault('n', n.nspowner))) a WHERE n.nspname = 'public' AND a.grantee = 0) AS public_schema,
                  has_table_privilege('public', 'pg_catalog.pg_stat_all_tables', 'SELECT') OR has_function_privilege('public', 'pg_catalog.pg_stat_get_live_tuples(oid)', 'EXECUTE') AS stats,
                  has_column_privilege('public', 'pg_catalog.pg_class', 'reltuples', 'SELECT') AS estimates`,
        )
      ).rows,
    );
    report.publicRevoked = row !== undefined && !row.public_db && !row.public_schema;
    report.statisticsHidden = row !== undefined && !row.stats && !row.estimates;
    return report;
  }

  private async connect(): Promise<Pool> {
    if (!this.pool) {
      await ensureDatabase(this.url);
      this.pool = new Pool({ connectionString: this.url, max: this.poolSize, idleTimeoutMillis: SERVICE_IDLE_CONNECTION_MS, application_name: 'provisioning:tenant-admin' });
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }

  private ownClient(database: string): Client {
    const url = new URL(this.url);
    url.pathname = `/${encodeURIComponent(database)}`;
    const own = new Client({ connectionString: url.toString(), application_name: 'provisioning:tenant-admin' });
    own.on('error', () => undefined);
    return own;
  }

  /**
   * A transaction in `database`: on the pool for the shared one, on a connection of its own for a
   * tenant's database. `prelude` (statements without parameters) goes with BEGIN in one round trip.
   */
  private async transaction<T>(database: string, work: (client: PoolClient | Client) => Promise<T>, prelude: readonly string[] = []): Promise<T> {
    let client: PoolClient | Client;
    let done: () => Promise<void>;
    if (database === this.shared) {
      const pooled = await (await this.connect()).connect();
      client = pooled;
      done = () => Promise.resolve(pooled.release());
    } else {
      const own = this.ownClient(database);
      await own.connect();
      client = own;
      done = () => own.end();
    }
    try {
      await client.query(['BEGIN', ...prelude].join(';\n'));
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await done();
    }
  }

  /**
   * Statements sent as one simple query: PostgreSQL runs them as one implicit transaction (all or
   * nothing) in one round trip. No bind parameters in that protocol: every value is a literal.
   */
  private async script(database: string, statements: readonly string[]): Promise<QueryResult[]> {
    const text = statements.join(';\n');
    const run = async (client: PoolClient | Client) => {
      const result = (await client.query(text)) as unknown as QueryResult | QueryResult[];
      return Array.isArray(result) ? result : [result];
    };
    if (database === this.shared) {
      const pooled = await (await this.connect()).connect();
      try {
        return await run(pooled);
      } finally {
        pooled.release();
      }
    }
    const own = this.ownClient(database);
    await own.connect();
    try {
      return await run(own);
    } finally {
      await own.end();
    }
  }

  /** For the tenant's users (users/): one transaction as the tenant's role inside its own database and schema. */
  runAsTenant<T>(identity: TenantDatabaseIdentity, work: (client: PoolClient | Client) => Promise<T>): Promise<T> {
    return this.asTenant(identity, work);
  }

  /** Runs as the tenant's role inside its schema, so whatever it creates belongs to the tenant. */
  private asTenant<T>(identity: TenantDatabaseIdentity, work: (client: PoolClient | Client) => Promise<T>): Promise<T> {
    return this.transaction(this.databaseOf(identity), work, asTenantStatements(identity));
  }
}
