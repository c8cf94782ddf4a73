/** What notifications knows of each tenant (port): projected from TenantCreated, TenantConfigChanged, TenantAdminCreated, TenantProvisioned and TenantOffboarded. */
import { Transaction } from '@tenantry/persistence';

export interface TenantBranding {
  logoUrl?: string;
  primaryColor?: string;
}

export interface TenantEntry {
  tenantId: string;
  /** Unknown until TenantCreated is seen. */
  name?: string;
  /** From TenantCreated, then the invited admin's (TenantAdminCreated). */
  adminEmail?: string;
  language: string;
  branding: TenantBranding;
  hostname?: string;
  invitationExpiresAt?: Date;
}

export abstract class TenantDirectory {
  abstract created(tx: Transaction, entry: { tenantId: string; name: string; adminEmail: string; language: string; at: Date }): Promise<void>;
  abstract configured(tx: Transaction, tenantId: string, change: { language?: string; branding: TenantBranding }, at: Date): Promise<void>;
  /** The first admin got an invitation (its e-mail and expiry; never the token). */
  abstract adminInvited(tx: Transaction, tenantId: string, email: string, expiresAt: Date, at: Date): Promise<void>;
  abstract provisioned(tx: Transaction, tenantId: string, hostname: string, at: Date): Promise<void>;
  abstract offboarded(tx: Transaction, tenantId: string, at: Date): Promise<void>;
  abstract get(tenantId: string, tx?: Transaction): Promise<TenantEntry | undefined>;
  /** Every tenant still on the platform with an admin to tell (for a platform-wide notice). */
  abstract reachableTenantIds(tx: Transaction): Promise<string[]>;
}
