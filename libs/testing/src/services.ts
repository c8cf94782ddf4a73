/** Starts compiled Tenantry services as real processes on free ports and waits until they are ready. */
import { randomBytes } from 'node:crypto';
import { devSecretsEnv } from './dev-secrets';
import { databaseUrl, KAFKA_BROKERS } from './infrastructure';
import { spawnProcess, SpawnedProcess } from './processes';
import { GiveUp, waitFor } from './wait';

export const SERVICE_NAMES = ['gateway', 'tenant-registry', 'provisioning', 'metering', 'billing', 'health-scoring', 'notifications'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface RunningService {
  name: ServiceName;
  url: string;
  /** The management port: `/metrics` and the detailed `/health/ready` (never on `url`). */
  managementUrl: string;
  process: SpawnedProcess;
}

/**
 * Starts one service with PORT=0 and reads the address it announces; it gets this checkout's local secrets (tools/stack/dev-secrets.cjs)
 * and, for the gateway, rate-limit buckets of its own in the shared Redis (a random key prefix; pass one to share buckets).
 */
export async function startService(name: ServiceName, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningService> {
  const process = spawnProcess(`apps/${name}/src/main.js`, {
    DATABASE_URL: databaseUrl(),
    KAFKA_BROKERS,
    PORT: '0',
    LOG_LEVEL: 'info',
    OUTBOX_POLL_MS: '200',
    RATE_LIMIT_KEY_PREFIX: `tenantry-test:${randomBytes(6).toString('hex')}:`,
    ...devSecretsEnv(),
    ...env,
  });
  const { url, managementUrl } = await waitFor(
    () => {
      if (process.child.exitCode !== null) throw new GiveUp(`${name} exited with ${process.child.exitCode}:\n${process.output().slice(-2_000)}`);
      const output = process.output();
      const url = /"url":"(http:\/\/[^"]+)","msg":"[a-z-]+ listening"/.exec(output)?.[1];
      const managementUrl = /"url":"(http:\/\/[^"]+)","msg":"[a-z-]+ management listening"/.exec(output)?.[1];
      return url && managementUrl ? { url, managementUrl } : undefined;
    },
    { timeoutMs, what: `${name} to listen` },
  ).catch((error: unknown) => {
    process.child.kill('SIGKILL');
    throw error;
  });
  return { name, url, managementUrl, process };
}

export async function waitUntilReady(service: RunningService, timeoutMs = 60_000): Promise<unknown> {
  return waitFor(
    async () => {
      const response = await fetch(`${service.url}/health/ready`);
      return response.status === 200 ? ((await response.json()) as unknown) : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `${service.name} to report ready` },
  );
}
