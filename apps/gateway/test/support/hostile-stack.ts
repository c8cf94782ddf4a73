/** The gateway in front of a real tenant registry, metering and billing (Kafka and Postgres real), for tests that throw bad input at every layer; no provisioning. */
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './fake-upstream';
import { GatewayClient, startGateway } from './gateway-client';

export interface RealStack {
  gateway: GatewayClient;
  registry: RunningService;
  metering: RunningService;
  billing: RunningService;
  stop(): Promise<void>;
}

export async function startRealStack(): Promise<RealStack> {
  const [registry, metering, billing] = await Promise.all([
    startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' }),
    startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' }),
    startService('billing', { BILLING_RUN_INTERVAL_MS: '3600000', PAYMENT_COLLECTION_INTERVAL_MS: '3600000' }),
  ]);
  await Promise.all([waitUntilReady(registry), waitUntilReady(metering), waitUntilReady(billing)]);
  // Provisioning is not started: its routes answer 503 upstream-unavailable (an address nothing listens on, not someone's :3002).
  const gateway = await startGateway({ REGISTRY_URL: registry.url, METERING_URL: metering.url, BILLING_URL: billing.url, PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}`, API_USAGE_SAMPLE_INTERVAL_MS: '3600000' });
  return {
    gateway,
    registry,
    metering,
    billing,
    async stop() {
      await gateway.stop();
      await Promise.all([registry.process.kill('SIGTERM'), metering.process.kill('SIGTERM'), billing.process.kill('SIGTERM')]);
    },
  };
}
