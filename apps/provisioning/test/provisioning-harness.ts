/** Drives a real provisioning process for the integration tests: events in, events and database state out. */
import { createHash, randomUUID } from 'node:crypto';
import { databaseName, ensureDatabase } from '@tenantry/persistence';
import { Client } from 'pg';
import { EventName, EventPayload, TenantCreatedPayload, TOPICS } from '@tenantry/contracts';
import { MasterKeyring, openWithDataKey } from '../src/infrastructure/master-keys';
import { opaqueTenantName } from '../src/infrastructure/tenant-database';
import { databaseUrl, devSecretsEnv, eventMessage, internalAuthHeaders, produce, readTopic, ReceivedMessage, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';

export const LIFECYCLE = TOPICS.TENANT_LIFECYCLE.name;
export const PROVISIONING = TOPICS.TENANT_PROVISIONING.name;

/**
 * Databases of their own, so a provisioning instance started elsewhere (an e2e run) cannot take
 * these tests' sagas; named after DATABASE_URL's, so two checkouts sharing a cluster (whose
 * privileges these tests change) do not share them either.
 */
export const SERVICE_DATABASE = `${databaseName(databaseUrl())}_provisioning_it`;
export const TENANT_DATABASE = `${databaseName(databaseUrl())}_tenants_it`;
/**
 * Role and database names are cluster-wide: a prefix of this checkout's own (from its database's
 * name) keeps these tenants' roles and databases apart from any other instance's, and lets the
 * clean-up below drop only them.
 */
export const PREFIX = `it${createHash('sha256').update(SERVICE_DATABASE).digest('hex').slice(0, 8)}`;
/** A group per run, placed at the end of the shared topic: earlier runs' and other suites' events are not ours. */
export const CONSUMER_GROUP = `provisioning.lifecycle.int-test.${randomUUID().slice(0, 8)}`;

export function databaseNamed(name: string, login?: { user: string; password: string }): string {
  const url = new URL(databaseUrl());
  url.pathname = `/${name}`;
  if (login) {
    url.username = encodeURIComponent(login.user);
    url.password = encodeURIComponent(login.password);
  }
  return url.toString();
}

export function serviceDatabaseUrl(): string {
  return databaseNamed(SERVICE_DATABASE);
}

export function tenantDatabaseUrl(login?: { user: string; password: string }): string {
  return databaseNamed(TENANT_DATABASE, login);
}

export function tenantCreated(overrides: Partial<TenantCreatedPayload> = {}): TenantCreatedPayload {
  const tenantId = randomUUID();
  const slug = `t${tenantId.slice(0, 8)}`;
  return {
    tenantId,
    slug,
    name: `Tenant ${slug}`,
    domain: { type: 'subdomain', value: slug, ssl: false },
    plan: { id: 'starter', trial: true, duration: 14 },
    adminEmail: `admin@${slug}.example.com`,
    configuration: { theme: 'dark', language: 'en-GB', timezone: 'Europe/Paris', currency: 'EUR' },
    resources: { storage: 10, bandwidth: 100, users: 25 },
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

export interface SagaLog {
  tenantId: string;
  kind: string;
  status: string;
  steps: { name: string; status: string; attempts: number; error: string | null; detail: Record<string, unknown> }[];
}

export class Harness {
  readonly kafka = testKafka();
  service?: RunningService;

  constructor(private readonly env: Record<string, string>) {}

  /** Commits the topic's current end for the test group (which has no members yet), and empties the test databases. */
  async freshStart(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(LIFECYCLE);
      await admin.setOffsets({ groupId: CONSUMER_GROUP, topic: LIFECYCLE, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
    } finally {
      await admin.disconnect();
    }
    await ensureDatabase(serviceDatabaseUrl());
    await ensureDatabase(tenantDatabaseUrl());
    await withClient(serviceDatabaseUrl(), (client) => client.query(`DROP SCHEMA IF EXISTS provisioning CASCADE`));
    // Earlier runs' tenants: their databases, their schemas in the shared tenant database, their roles.
    await withClient(tenantDatabaseUrl(), async (client) => {
      const ours = `^${PREFIX}_([0-9a-f]{32}|pool_[0-9a-f]{24})$`;
      const databases = await client.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE datname ~ $1`, [ours]);
      for (const { name } of databases.rows) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      const schemas = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname ~ $1`, [ours]);
      for (const { name } of schemas.rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
      const roles = await client.query<{ name: string }>(`SELECT rolname AS name FROM pg_roles WHERE rolname ~ $1`, [`^${PREFIX}_([0-9a-f]{32}(_app)?|pool_[0-9a-f]{24})$`]);
      for (const { name } of roles.rows) {
        await client.query(`DROP OWNED BY "${name}"`);
        await client.query(`DROP ROLE "${name}"`);
      }
    });
  }

  async start(extra: Record<string, string> = {}, options: { waitForConsumer?: boolean } = {}): Promise<RunningService> {
    this.service = await startService('provisioning', { DATABASE_URL: serviceDatabaseUrl(), TENANT_DATABASE_URL: tenantDatabaseUrl(), LIFECYCLE_CONSUMER_GROUP: CONSUMER_GROUP, TENANT_IDENTIFIER_PREFIX: PREFIX, ...this.env, ...extra });
    // Ready means the consumer has joined its group: events sent from now on are read.
    if (options.waitForConsumer ?? true) await waitUntilReady(this.service);
    return this.service;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.service?.process.kill(signal);
    this.service = undefined;
  }

  get url(): string {
    if (!this.service) throw new Error('provisioning is not running');
    return this.service.url;
  }

  async send<N extends EventName>(type: N, payload: EventPayload<N>): Promise<void> {
    await produce(this.kafka, LIFECYCLE, [eventMessage(type, payload)]);
  }

  /**
   * The tenant's events on the provisioning topic from this instance, once every type in `types`
   * is there. A provisioning service started elsewhere on this broker (another suite, `npm start`)
   * reacts to the same lifecycle events; its outcomes name its own schema and storage, not ours.
   */
  async eventsOf(tenantId: string, types: string[], timeoutMs = 90_000): Promise<ReceivedMessage[]> {
    const mine = (messages: ReceivedMessage[]) => messages.filter((message) => message.key === tenantId && this.fromThisInstance(message));
    const messages = await readTopic(this.kafka, PROVISIONING, (all) => types.every((type) => mine(all).some((message) => message.headers['ce_type'] === type)), { timeoutMs, settleMs: 500 });
    return mine(messages);
  }

  private fromThisInstance(message: ReceivedMessage): boolean {
    const payload = JSON.parse(message.value ?? '{}') as { schemaName?: string; storageRoot?: string };
    if (payload.schemaName !== undefined && !payload.schemaName.startsWith(`${PREFIX}_`)) return false;
    if (payload.storageRoot !== undefined && !payload.storageRoot.startsWith(this.env['TENANT_STORAGE_ROOT'] ?? '')) return false;
    return true;
  }

  /** A call to provisioning's internal API as the gateway makes it: with an internal token for provisioning (`init.headers` may replace it). */
  api(path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    return fetch(`${this.url}${path}`, { method: init.method ?? 'GET', headers: { ...internalAuthHeaders({ audience: 'provisioning' }), ...init.headers } });
  }

  async sagaLog(tenantId: string): Promise<SagaLog> {
    const response = await this.api(`/internal/v1/tenants/${tenantId}/provisioning`);
    if (response.status !== 200) throw new Error(`saga log: ${response.status}`);
    return (await response.json()) as SagaLog;
  }

  async waitForLog(tenantId: string, done: (log: SagaLog) => boolean, what: string, timeoutMs = 60_000): Promise<SagaLog> {
    return waitFor(
      async () => {
        const log = await this.sagaLog(tenantId).catch(() => undefined);
        return log && done(log) ? log : undefined;
      },
      { timeoutMs, intervalMs: 100, what },
    );
  }
}

export function payloadOf<T>(message: ReceivedMessage | undefined): T {
  if (!message?.value) throw new Error('no message');
  return JSON.parse(message.value) as T;
}

export function ofType(messages: ReceivedMessage[], type: string): ReceivedMessage[] {
  return messages.filter((message) => message.headers['ce_type'] === type);
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The name of a tenant's database, schema and role: opaque, the same for all three. */
export function tenantName(tenantId: string): string {
  return opaqueTenantName(tenantId, PREFIX);
}

/** Which of the tenant's objects exist: its own database, its schema (in its database, else in the shared one), its role. */
export async function tenantObjects(tenantId: string, prefix = PREFIX): Promise<{ database: boolean; schema: boolean; role: boolean }> {
  const name = opaqueTenantName(tenantId, prefix);
  const { database, role } = await withClient(tenantDatabaseUrl(), async (client) => ({
    database: (await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1,
    role: (await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [name])).rowCount === 1,
  }));
  const schema = await withClient(database ? databaseNamed(name) : tenantDatabaseUrl(), async (client) => (await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [name])).rowCount === 1);
  return { database, schema, role };
}

/** The master keys the service is started with (this checkout's SECRET_KEY), or the ones given. */
export function masterKeys(env: { SECRET_KEY?: string; SECRET_KEY_PREVIOUS?: string } = {}): MasterKeyring {
  return MasterKeyring.fromConfig({ SECRET_KEY: env.SECRET_KEY ?? devSecretsEnv()['SECRET_KEY'] ?? '', SECRET_KEY_PREVIOUS: env.SECRET_KEY_PREVIOUS });
}

export interface TenantLogin {
  user: string;
  password: string;
  /** The database the tenant's data is in: its own, or the shared tenant database. */
  database: string;
}

/** The tenant role's login, its password opened as the service opens it: data key unwrapped by the master key, then the password. */
export async function tenantLogin(tenantId: string, keys = masterKeys()): Promise<TenantLogin> {
  const [credential] = await serviceRows<{ role_name: string; database_name: string | null; password_enc: string }>(`SELECT role_name, database_name, password_enc FROM tenant_credential WHERE tenant_id = $1`, [tenantId]);
  const [dataKey] = await serviceRows<{ wrapped_key: string }>(`SELECT wrapped_key FROM tenant_data_key WHERE tenant_id = $1`, [tenantId]);
  if (!credential || !dataKey) throw new Error(`tenant ${tenantId} has no credential or no data key`);
  return { user: credential.role_name, database: credential.database_name ?? TENANT_DATABASE, password: openWithDataKey(keys.unwrap(tenantId, dataKey.wrapped_key), tenantId, credential.password_enc) };
}

/** The URL a tenant's application would use: its role, in the database holding its schema. */
export function tenantUrl(login: TenantLogin): string {
  return databaseNamed(login.database, login);
}

/** Rows of the provisioning service's own schema. */
export async function serviceRows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(serviceDatabaseUrl(), async (client) => (await client.query(sql.replace(/\bFROM (\w+)/g, 'FROM provisioning.$1'), params)).rows as T[]);
}
