/** A tenant as the registry stores it (one row of tenant_registry.tenants); never sent over the wire as is. */
import { DomainType, TenantStatus } from '@tenantry/contracts';

export interface TenantDomainValue {
  type: DomainType;
  /** The subdomain label or the custom FQDN, lowercase. */
  value: string;
  hostname: string;
  ssl: boolean;
}

export interface TenantPlanValue {
  id: string;
  trial: boolean;
  /** Trial length in days when `trial`. */
  duration: number | null;
  trialEndsAt: Date | null;
}

export interface TenantConfigurationValue {
  theme: string;
  language: string;
  timezone: string;
  currency: string;
}

export interface TenantResourcesValue {
  storage: number;
  bandwidth: number;
  users: number;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  statusReason: string | null;
  domain: TenantDomainValue;
  plan: TenantPlanValue;
  adminEmail: string;
  configuration: TenantConfigurationValue;
  resources: TenantResourcesValue;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A plan of the catalogue: the defaults a new tenant on it gets. */
export interface Plan {
  id: string;
  name: string;
  trialDays: number | null;
  configuration: TenantConfigurationValue;
  resources: TenantResourcesValue;
}
