// The api-usage feature's public surface for the other features of the gateway.
export { ApiUsageModule } from './api-usage.module';
export { attributeRequest } from './attribution';
export { KnownTenantsRepository } from './known-tenants.repository';
export { PUBLIC_API_PREFIX, TrafficObserver } from './traffic-hooks';
export type { ObservedCall } from './traffic-hooks';
