/** For unit tests: a tenant projection that knows a fixed set of statuses and is never written to. */
import { TenantScope } from '@tenantry/persistence';
import { MeteredTenantStatus } from '../tenant-status';
import { TenantProjectionRepository } from '../tenant-projection.repository';

export class KnownTenants extends TenantProjectionRepository {
  constructor(private readonly known: Record<string, MeteredTenantStatus>) {
    super();
  }

  async statuses(ids: readonly string[]): Promise<Map<string, MeteredTenantStatus>> {
    return new Map(ids.flatMap((id) => (this.known[id] ? [[id, this.known[id]] as const] : [])));
  }

  async status(scope: TenantScope): Promise<MeteredTenantStatus | undefined> {
    return this.known[scope.tenantId];
  }

  async record(): Promise<void> {
    throw new Error('the code under test never changes the tenant projection');
  }
}
