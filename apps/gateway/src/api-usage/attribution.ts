import { isUuid } from '@tenantry/service';
/**
 * Which tenant an API call belongs to: the tenant its key is bound to (tenant-admin), otherwise the
 * tenant its route names in `{id}`; platform-wide routes belong to no tenant. Only authenticated
 * calls count, so nobody can run up a tenant's usage without a key.
 */
import { GatewayRequest } from '../auth';

const PUBLIC_API = '/api/v1/platform/';
const TENANT_ROUTE = '/api/v1/platform/tenants/:id';

export function attributeRequest(request: Pick<GatewayRequest, 'url' | 'params' | 'routeOptions' | 'gateway'>): string | undefined {
  if (!request.url.startsWith(PUBLIC_API)) return undefined;
  const principal = request.gateway?.principal;
  if (!principal) return undefined;
  if (principal.tenantId !== null) return principal.tenantId.toLowerCase();
  const route = request.routeOptions?.url;
  const id = request.params?.['id'];
  if (route !== undefined && (route === TENANT_ROUTE || route.startsWith(`${TENANT_ROUTE}/`)) && id !== undefined && isUuid(id)) return id.toLowerCase();
  return undefined;
}
