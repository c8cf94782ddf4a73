/** The tenants metering has heard of, with their status; every query names the tenant. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { MeteredTenantStatus } from './tenant-status';

export abstract class TenantProjectionRepository {
  abstract statuses(tenantIds: readonly string[]): Promise<Map<string, MeteredTenantStatus>>;
  abstract status(scope: TenantScope): Promise<MeteredTenantStatus | undefined>;
  abstract record(tx: Transaction, scope: TenantScope & { status: MeteredTenantStatus; at: Date }): Promise<void>;
}
