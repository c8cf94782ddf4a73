/**
 * The internal APIs the gateway forwards to, each named once with the config key of its base URL.
 * Declaring an upstream here (and its URL in GatewayConfig) is all a new service's routes need:
 * UpstreamProxy builds one keep-alive client per entry.
 */
import { GatewayConfig } from '../gateway.config';

/** The config fields that hold an upstream's base URL. */
export type UpstreamUrlConfigKey = Extract<keyof GatewayConfig, `${string}_URL`>;

export interface UpstreamDeclaration {
  urlConfigKey: UpstreamUrlConfigKey;
  /** Answers are small JSON documents: read them whole, so a reset half-way is still `upstream-unavailable`, never a cut answer. */
  readWhole?: boolean;
}

/** Keyed by service name: the key is also the audience of the internal tokens sent to that upstream. */
export const UPSTREAMS = {
  'tenant-registry': { urlConfigKey: 'REGISTRY_URL' },
  provisioning: { urlConfigKey: 'PROVISIONING_URL' },
  metering: { urlConfigKey: 'METERING_URL', readWhole: true },
  billing: { urlConfigKey: 'BILLING_URL', readWhole: true },
  'health-scoring': { urlConfigKey: 'HEALTH_SCORING_URL', readWhole: true },
  notifications: { urlConfigKey: 'NOTIFICATIONS_URL', readWhole: true },
} as const satisfies Record<string, UpstreamDeclaration>;

export type UpstreamName = keyof typeof UPSTREAMS;
