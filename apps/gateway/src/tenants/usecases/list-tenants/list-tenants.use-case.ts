/**
 * GET /tenants. Platform roles get the registry's page. A tenant admin gets a page holding only its
 * own tenant (filters applied to it), so one client works for both without learning about others;
 * while that tenant is suspended the list is refused like the tenant itself.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { decideTenantState, TenantStatusRepository } from '../../../tenant-status';
import { jsonReply, parseDocument, queryString, UpstreamProxy, UpstreamReply } from '../../../upstream';
import { ListTenantsQuery } from './list-tenants.query';

interface TenantSummary {
  status?: string;
  plan?: { id?: string };
}

@Injectable()
export class ListTenantsUseCase {
  constructor(
    private readonly upstream: UpstreamProxy,
    private readonly statuses: TenantStatusRepository,
  ) {}

  async execute(query: ListTenantsQuery): Promise<UpstreamReply> {
    const { caller, filters } = query;
    const { principal } = caller;
    if (principal.role !== 'tenant-admin' || !principal.tenantId) {
      return this.upstream.forward(caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants${queryString(filters)}` });
    }
    // The same status rule as GET /tenants/{id}: the list must not be a way round it.
    const known = await this.statuses.find(tenantScope(principal.tenantId));
    const decision = decideTenantState({ status: known?.status, operation: 'listTenants', kind: 'read', platformRole: false });
    if (!decision.allowed && decision.refusal === 'tenant-suspended') throw GATEWAY_PROBLEMS['tenant-suspended'](`Tenant ${principal.tenantId} is suspended.`);
    if (!decision.allowed) return page([]);
    const own = await this.upstream.read(caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants/${principal.tenantId}` });
    if (own.status !== 200 && own.status !== 404) return own;
    const tenant = own.status === 200 ? (parseDocument(own.body) as TenantSummary | undefined) : undefined;
    const matches = tenant !== undefined && (!filters.status || tenant.status === filters.status) && (!filters.plan || tenant.plan?.id === filters.plan) && !filters.cursor;
    return page(matches ? [tenant] : []);
  }
}

function page(items: unknown[]): UpstreamReply {
  return jsonReply(200, { items, nextCursor: null });
}
