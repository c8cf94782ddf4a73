/** A page request: filters, sort and the opaque cursor of the previous page. */
import { TenantStatus } from '@tenantry/contracts';
import { TenantSort } from '@tenantry/tenant-api';

const DEFAULT_PAGE_SIZE = 20;

export class ListTenantsCommand {
  constructor(
    readonly limit: number = DEFAULT_PAGE_SIZE,
    readonly sort: TenantSort = 'createdAt',
    readonly cursor?: string,
    readonly status?: TenantStatus,
    readonly planId?: string,
    readonly search?: string,
  ) {}
}
