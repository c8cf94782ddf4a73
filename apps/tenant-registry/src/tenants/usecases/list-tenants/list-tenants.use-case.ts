/** One page of tenants by keyset pagination, stable while tenants are being created. */
import { Injectable } from '@nestjs/common';
import { Tenant } from '../../tenant.row';
import { TenantRepository } from '../../tenant.repository';
import { ListTenantsCommand } from './list-tenants.command';
import { decodeCursor, encodeCursor } from './tenant-cursor';

export interface TenantPage {
  items: Tenant[];
  nextCursor: string | null;
}

@Injectable()
export class ListTenantsUseCase {
  constructor(private readonly repository: TenantRepository) {}

  async execute(command: ListTenantsCommand): Promise<TenantPage> {
    const after = command.cursor !== undefined ? decodeCursor(command.cursor, command.sort) : undefined;
    // One row more than asked tells whether there is a next page.
    const rows = await this.repository.listTenants({
      limit: command.limit + 1,
      sort: command.sort,
      after,
      status: command.status,
      planId: command.planId,
      search: command.search,
    });
    const page = rows.slice(0, command.limit);
    const last = page[page.length - 1];
    const nextCursor = rows.length > command.limit && last ? encodeCursor(command.sort, { key: last.sortKey, id: last.tenant.id }) : null;
    return { items: page.map((row) => row.tenant), nextCursor };
  }
}
