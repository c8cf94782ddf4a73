/**
 * Which tenant an API call belongs to: the tenant its key is bound to (a tenant-admin key, and
 * whatever acts as the tenant later). An operator's call — a platform key reading or changing a
 * tenant, the console polling it — is nobody's usage: it must not run up the tenant's bill or push it
 * over a hard limit. Only authenticated calls count, so nobody can run up a tenant's usage without a key.
 */
import { GatewayRequest } from '../auth';

const PUBLIC_API = '/api/v1/platform/';

export function attributeRequest(request: Pick<GatewayRequest, 'url' | 'params' | 'routeOptions' | 'gateway'>): string | undefined {
  if (!request.url.startsWith(PUBLIC_API)) return undefined;
  const principal = request.gateway?.principal;
  if (!principal) return undefined;
  return principal.tenantId === null ? undefined : principal.tenantId.toLowerCase();
}
