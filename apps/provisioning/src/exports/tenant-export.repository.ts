/** Export archive records in the service's schema. */
import { TenantScope } from '@tenantry/persistence';
import { TenantExport } from './tenant-export.row';

export abstract class TenantExportRepository {
  abstract save(record: TenantExport): Promise<void>;
  /** The tenant's newest archive still within its retention. */
  abstract latestRetained(scope: TenantScope, now: Date): Promise<TenantExport | undefined>;
  /** Forgets archives past their retention and returns their paths (each row goes to one caller only). */
  abstract takeExpired(now: Date, limit?: number): Promise<string[]>;
}
