/**
 * Whose endpoints a caller may see: a tenant admin only its own tenant's (anything else is "not
 * found"), a platform role every tenant's and the platform-wide ones. Every endpoint and delivery
 * query takes one, so none can be written without deciding.
 */
import { InternalCaller } from '@tenantry/service';

export interface EndpointAccess {
  /** The only tenant visible, or null for all (platform roles). */
  readonly tenantId: string | null;
  readonly actor: string;
}

export const TENANT_ADMIN_ROLE = 'tenant-admin';

export function endpointAccessOf(caller: InternalCaller): EndpointAccess {
  if (caller.role === TENANT_ADMIN_ROLE) {
    // A tenant admin's token always names its tenant; without one it can see nothing.
    return { tenantId: caller.tenantId ?? '00000000-0000-0000-0000-000000000000', actor: caller.actor };
  }
  return { tenantId: null, actor: caller.actor };
}

/** Platform access, for the service's own work (delivery, fan-out). */
export const PLATFORM_ACCESS: EndpointAccess = { tenantId: null, actor: 'notifications' };
