/**
 * GET /tenants. Platform roles get the registry's page. A tenant admin gets a page holding only its
 * own tenant (filters applied to it), so one client works for both without learning about others;
 * while that tenant is suspended the list is refused like the tenant itself.
 */
import { Injectable } from '@nestjs/common';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { decideTenantState, TenantStatusRepository } from '../../../tenant-status';
import { BufferedResponse, ProxyReply } from '../../upstream/proxy-reply';
import { UpstreamResponse } from '../../upstream/upstream-client';
import { ForwardRequestCommand } from '../forward-request/forward-request.command';
import { ForwardRequestUseCase } from '../forward-request/forward-request.use-case';
import { ListTenantsQuery } from './list-tenants.query';

export type ListTenantsResult = { kind: 'stream'; response: UpstreamResponse } | { kind: 'buffered'; response: BufferedResponse };

interface TenantSummary {
  status?: string;
  plan?: { id?: string };
}

@Injectable()
export class ListTenantsUseCase {
  constructor(
    private readonly forward: ForwardRequestUseCase,
    private readonly proxy: ProxyReply,
    private readonly statuses: TenantStatusRepository,
  ) {}

  async execute(query: ListTenantsQuery): Promise<ListTenantsResult> {
    const { principal, filters } = query;
    if (principal.role !== 'tenant-admin' || !principal.tenantId) {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(filters) as [string, unknown][]) if (value !== undefined) search.set(name, String(value));
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return { kind: 'stream', response: await this.forward.execute(new ForwardRequestCommand('tenant-registry', 'GET', `/internal/v1/tenants${suffix}`, principal, query.requestId)) };
    }
    // The same status rule as GET /tenants/{id}: the list must not be a way round it.
    const known = await this.statuses.find(principal.tenantId);
    const decision = decideTenantState({ status: known?.status, operation: 'listTenants', kind: 'read', platformRole: false });
    if (!decision.allowed && decision.refusal === 'tenant-suspended') throw GATEWAY_PROBLEMS['tenant-suspended'](`Tenant ${principal.tenantId} is suspended.`);
    if (!decision.allowed) return { kind: 'buffered', response: emptyPage() };
    const upstream = await this.forward.execute(new ForwardRequestCommand('tenant-registry', 'GET', `/internal/v1/tenants/${principal.tenantId}`, principal, query.requestId));
    const own = await this.proxy.buffer('tenant-registry', upstream, query.path);
    if (own.status !== 200 && own.status !== 404) return { kind: 'buffered', response: own };
    const tenant = own.status === 200 ? (JSON.parse(own.body) as TenantSummary) : undefined;
    const matches = tenant !== undefined && (!filters.status || tenant.status === filters.status) && (!filters.plan || tenant.plan?.id === filters.plan) && !filters.cursor;
    return { kind: 'buffered', response: matches ? page([tenant]) : emptyPage() };
  }
}

function page(items: unknown[]): BufferedResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items, nextCursor: null }) };
}

function emptyPage(): BufferedResponse {
  return page([]);
}
