/**
 * A gateway and a metering service on a database of their own, with tenants both know as active:
 * what the ingestion fault run and `npm run bench:ingest` drive through the public API.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@tenantry/contracts';
import { ensureDatabase } from '@tenantry/persistence';
import { databaseUrl, eventMessage, produce, RunningService, startService, testKafka, waitFor, waitUntilReady } from '@tenantry/testing';

export interface IngestStackOptions {
  /** Names the database: `tenantry_<label>_<random>`. */
  label: string;
  tenants: number;
  /**
   * Where the stack's new consumer groups start. `latest` skips the shared topics' history (the
   * benchmark), but is unsafe across a crash: a restarted consumer with nothing committed yet on a
   * partition would skip what it had not processed. The fault run therefore uses `earliest`.
   */
  newGroupsFrom: 'earliest' | 'latest';
  meteringEnv?: Record<string, string>;
  gatewayEnv?: Record<string, string>;
}

export interface IngestStack {
  readonly gatewayUrl: string;
  readonly adminKey: string;
  readonly tenants: readonly string[];
  /** The stack's own database (schemas `gateway` and `metering`). */
  readonly databaseUrl: string;
  /** Put before the services' consumer group ids, so the stack shares the broker with nobody's groups. */
  readonly groupPrefix: string;
  gateway(): RunningService;
  metering(): RunningService;
  /** SIGKILLs metering (nothing flushed, nothing closed) and starts it again on the same port. */
  crashMetering(downMs?: number): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

export async function startIngestStack(options: IngestStackOptions): Promise<IngestStack> {
  const name = `tenantry_${options.label}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(databaseUrl(), name);
  await ensureDatabase(url);
  const adminKey = `ingest-admin-${randomBytes(16).toString('hex')}`;
  const groupPrefix = `${name}.`;
  const kafkaEnv = { KAFKA_GROUP_PREFIX: groupPrefix, KAFKA_NEW_GROUPS_FROM: options.newGroupsFrom };
  const meteringEnv = { DATABASE_URL: url, ...kafkaEnv, ...options.meteringEnv };
  let metering = await startService('metering', meteringEnv);
  await waitUntilReady(metering);
  const meteringPort = new URL(metering.url).port;
  const gateway = await startService('gateway', { DATABASE_URL: url, ...kafkaEnv, METERING_URL: metering.url, TENANTRY_BOOTSTRAP_ADMIN_KEY: adminKey, RATE_LIMIT_ENABLED: 'false', ...options.gatewayEnv });
  await waitUntilReady(gateway);

  const tenants = Array.from({ length: options.tenants }, () => randomUUID());
  // New groups start at the end of the topics (KAFKA_NEW_GROUPS_FROM=latest) once they have joined;
  // an event produced in the instant before a consumer fixed its start would be missed, so the
  // announcement is repeated until both services know every tenant (repeats change nothing).
  const announce = (): Promise<void> =>
    produce(
      testKafka(),
      TOPICS.TENANT_LIFECYCLE.name,
      tenants.map((tenantId) => eventMessage('TenantActivated', { tenantId, from: 'provisioning', to: 'active', actor: 'ingest-stack', at: new Date().toISOString() })),
    );
  await announce();
  let probes = 0;

  const query = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  await waitFor(
    async () => {
      if (++probes % 20 === 0) await announce();
      const [known] = await query<{ metering: string; gateway: string }>(
        `SELECT (SELECT count(*) FROM metering.tenant WHERE tenant_id = ANY($1::uuid[]) AND status = 'active') AS metering,
                (SELECT count(*) FROM gateway.tenant_status WHERE tenant_id = ANY($1::uuid[])) AS gateway`,
        [tenants],
      );
      return Number(known?.metering) === tenants.length && Number(known?.gateway) === tenants.length;
    },
    { timeoutMs: 300_000, intervalMs: 250, what: 'metering and the gateway to know the tenants' },
  );

  return {
    gatewayUrl: gateway.url,
    adminKey,
    tenants,
    databaseUrl: url,
    groupPrefix,
    gateway: () => gateway,
    metering: () => metering,
    async crashMetering(downMs = 500) {
      await metering.process.kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      metering = await startService('metering', { ...meteringEnv, PORT: meteringPort });
      const restarted = metering;
      await waitUntilReady(restarted, 180_000).catch(async (error: unknown) => {
        const health = await fetch(`${restarted.url}/health/ready`).then((r) => r.text()).catch(() => 'no answer');
        throw new Error(`${String(error)}; health: ${health}; output: ${restarted.process.output().slice(-3_000)}`);
      });
    },
    query,
    async stop() {
      await Promise.all([gateway.process.kill('SIGTERM'), metering.process.kill('SIGTERM')]);
      const admin = new Client({ connectionString: withDatabase(databaseUrl(), 'postgres') });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
