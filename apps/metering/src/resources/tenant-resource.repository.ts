/** Where each provisioned tenant's schema and storage root are, and whether it is still measured. */
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantResource } from './tenant-resource.row';

export abstract class TenantResourceRepository {
  abstract register(tx: Transaction, resource: TenantResource & { at: Date }): Promise<void>;
  abstract retire(tx: Transaction, scope: TenantScope & { at: Date }): Promise<void>;
  /** Every provisioned tenant not yet retired (offboarded or deleted). */
  abstract measured(): Promise<TenantResource[]>;
}
