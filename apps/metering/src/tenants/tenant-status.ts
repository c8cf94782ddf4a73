/** How metering sees a tenant, derived from the lifecycle events, and whether it may record usage. */
import { EventName } from '@tenantry/contracts';

export const METERED_TENANT_STATUSES = ['known', 'active', 'suspended', 'inactive', 'deleted'] as const;
export type MeteredTenantStatus = (typeof METERED_TENANT_STATUSES)[number];

export const LIFECYCLE_EVENTS = [
  'TenantCreated',
  'TenantActivated',
  'TenantTrialStarted',
  'TenantReactivated',
  'TenantSuspended',
  'TenantDeactivated',
  'TenantOffboardingStarted',
  'TenantDeleted',
] as const satisfies readonly EventName[];
export type LifecycleEventName = (typeof LIFECYCLE_EVENTS)[number];

export function statusAfter(event: LifecycleEventName): MeteredTenantStatus {
  switch (event) {
    case 'TenantCreated':
      return 'known';
    case 'TenantActivated':
    case 'TenantTrialStarted':
    case 'TenantReactivated':
      return 'active';
    case 'TenantSuspended':
      return 'suspended';
    case 'TenantDeactivated':
      return 'inactive';
    case 'TenantOffboardingStarted':
    case 'TenantDeleted':
      return 'deleted';
  }
}
