/** List tenants as the caller may see them. */
import { ListTenantsQueryDto } from '@tenantry/tenant-api';
import { Principal } from '../../../auth';

export class ListTenantsQuery {
  constructor(
    readonly principal: Principal,
    readonly requestId: string,
    readonly filters: ListTenantsQueryDto,
    readonly path: string,
  ) {}
}
