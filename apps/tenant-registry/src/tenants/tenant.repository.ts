/**
 * What the tenants feature needs from storage. Every query about one tenant takes a
 * `TenantScope`, so a lookup without the tenant id does not compile.
 */
import { TenantStatus } from '@tenantry/contracts';
import { TenantScope, Transaction } from '@tenantry/persistence';
import { TenantSort } from '@tenantry/tenant-api';
import { Plan, Tenant } from './tenant.row';
import { TenantTransition } from './tenant-transition.row';
import { TenantLimits } from './tenant-limits.row';

/** Keyset position: the sort key of the last row seen and its id. */
export interface TenantKeyset {
  key: string;
  id: string;
}

export interface TenantListQuery {
  limit: number;
  sort: TenantSort;
  after?: TenantKeyset;
  status?: TenantStatus;
  planId?: string;
  search?: string;
}

export interface TenantListRow {
  tenant: Tenant;
  /** The row's sort key, exact to the database's precision, for the next cursor. */
  sortKey: string;
}

/**
 * The tenants store. Writes and locks take the caller's transaction, in which the use case also
 * publishes its events through the outbox, so a change and its events commit together.
 */
/** Who already holds a new tenant's names. */
export interface NameClaims {
  reserved: boolean;
  hostnameOwner: string | null;
  slugOwner: string | null;
}

export abstract class TenantRepository {
  abstract findTenant(scope: TenantScope): Promise<Tenant | null>;
  abstract listTenants(query: TenantListQuery): Promise<TenantListRow[]>;
  abstract history(scope: TenantScope): Promise<TenantTransition[]>;
  abstract findPlan(planId: string): Promise<Plan | null>;
  /** The tenant's stored limits; inside `tx`, lock the tenant first: its row lock serialises limit changes. */
  abstract findLimits(scope: TenantScope, tx?: Transaction): Promise<TenantLimits | null>;
  /** Reads and locks the tenant row (SELECT … FOR UPDATE) for the rest of the transaction. */
  abstract lockTenant(tx: Transaction, scope: TenantScope): Promise<Tenant | null>;
  abstract insertTenant(tx: Transaction, tenant: Tenant): Promise<void>;
  abstract updateTenant(tx: Transaction, scope: TenantScope, tenant: Tenant): Promise<void>;
  abstract addTransition(tx: Transaction, scope: TenantScope, transition: Omit<TenantTransition, 'tenantId'>): Promise<void>;
  /** The id of the tenant that holds this hostname, if any. */
  abstract hostnameOwner(tx: Transaction, hostname: string): Promise<string | null>;
  abstract slugOwner(tx: Transaction, slug: string): Promise<string | null>;
  abstract isReservedSlug(tx: Transaction, slug: string): Promise<boolean>;
  /** The three checks a new tenant's names need, in one read: reserved slug, hostname's owner, slug's owner. */
  abstract nameClaims(tx: Transaction, slug: string, hostname: string): Promise<NameClaims>;
  /** Trials ended at `now`, locked and skipping rows another sweeper holds. */
  abstract lockExpiredTrials(tx: Transaction, now: Date, limit: number): Promise<Tenant[]>;
  abstract saveLimits(tx: Transaction, scope: TenantScope, limits: Omit<TenantLimits, 'tenantId'>): Promise<void>;
}
