/** The gateway in front of a real tenant registry, metering, billing, health scoring and notifications (Kafka and Postgres real), for tests that throw bad input at every layer; no provisioning. */
import { RunningService, startService, waitUntilReady } from '@tenantry/testing';
import { closedPort } from './fake-upstream';
import { GatewayClient, startGateway } from './gateway-client';

export interface RealStack {
  gateway: GatewayClient;
  registry: RunningService;
  metering: RunningService;
  billing: RunningService;
  health: RunningService;
  notifications: RunningService;
  stop(): Promise<void>;
}

export async function startRealStack(): Promise<RealStack> {
  const [registry, metering, billing, health, notifications] = await Promise.all([
    startService('tenant-registry', { TRIAL_CHECK_INTERVAL_MS: '3600000' }),
    startService('metering', { PARTITION_MAINTENANCE_INTERVAL_MS: '3600000' }),
    startService('billing', { BILLING_RUN_INTERVAL_MS: '3600000', PAYMENT_COLLECTION_INTERVAL_MS: '3600000' }),
    startService('health-scoring', { HEALTH_RECOMPUTE_INTERVAL_MS: '3600000' }),
    // Mail goes nowhere (a closed port: every send is a temporary failure, retried later); the routes are what is tested.
    startService('notifications', { SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`, NOTIFY_SEND_INTERVAL_MS: '3600000' }),
  ]);
  const services = [registry, metering, billing, health, notifications];
  await Promise.all(services.map((service) => waitUntilReady(service)));
  // Provisioning is not started: its routes answer 503 upstream-unavailable (an address nothing listens on, not someone's :3002).
  const gateway = await startGateway({
    REGISTRY_URL: registry.url,
    METERING_URL: metering.url,
    BILLING_URL: billing.url,
    HEALTH_SCORING_URL: health.url,
    NOTIFICATIONS_URL: notifications.url,
    PROVISIONING_URL: `http://127.0.0.1:${await closedPort()}`,
    API_USAGE_SAMPLE_INTERVAL_MS: '3600000',
  });
  return {
    gateway,
    registry,
    metering,
    billing,
    health,
    notifications,
    async stop() {
      await gateway.stop();
      await Promise.all(services.map((service) => service.process.kill('SIGTERM')));
    },
  };
}
