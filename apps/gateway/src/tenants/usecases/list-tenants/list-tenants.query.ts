/** List tenants as the caller may see them. */
import { ListTenantsQueryDto } from '@tenantry/tenant-api';
import { Caller } from '../../../upstream';

export class ListTenantsQuery {
  constructor(
    readonly caller: Caller,
    readonly filters: ListTenantsQueryDto,
  ) {}
}
