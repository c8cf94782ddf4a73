/** Per-recipient, per-category mail preferences of a tenant (port). No row: the category is mailed. */
import { TenantScope, Transaction } from '@tenantry/persistence';

export interface PreferenceRow {
  recipient: string;
  category: string;
  enabled: boolean;
}

export abstract class PreferenceRepository {
  abstract isEnabled(tx: Transaction, scope: TenantScope, recipient: string, category: string): Promise<boolean>;
  abstract list(scope: TenantScope): Promise<PreferenceRow[]>;
  abstract set(tx: Transaction, scope: TenantScope, rows: PreferenceRow[], at: Date): Promise<void>;
}
