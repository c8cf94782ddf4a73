/**
 * What the tenants feature needs from storage. Every query about one tenant takes a
 * `TenantScope`, so a lookup without the tenant id does not compile.
 */
import { EntityManager } from 'typeorm';
import { EventName, EventPayload, TenantStatus } from '@tenantry/contracts';
import { TenantSort } from '@tenantry/tenant-api';
import { Plan, Tenant } from './tenant.entity';
import { TenantTransition } from './tenant-transition.entity';
import { TenantLimits } from './tenant-limits.entity';

export interface TenantScope {
  readonly tenantId: string;
}

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

/** The tenants store inside one transaction: locks, writes and the outbox commit together. */
export interface TenantUnitOfWork {
  /** Reads and locks the tenant row (SELECT … FOR UPDATE) for the rest of the transaction. */
  lockTenant(scope: TenantScope): Promise<Tenant | null>;
  insertTenant(tenant: Tenant): Promise<void>;
  updateTenant(scope: TenantScope, tenant: Tenant): Promise<void>;
  addTransition(scope: TenantScope, transition: Omit<TenantTransition, 'tenantId'>): Promise<void>;
  /** The id of the tenant that holds this hostname, if any. */
  hostnameOwner(hostname: string): Promise<string | null>;
  slugOwner(slug: string): Promise<string | null>;
  isReservedSlug(slug: string): Promise<boolean>;
  /** Trials ended at `now`, locked and skipping rows another sweeper holds. */
  lockExpiredTrials(now: Date, limit: number): Promise<Tenant[]>;
  publish<N extends EventName>(type: N, payload: EventPayload<N>): Promise<void>;
  /** The tenant's stored limits (lock the tenant first: its row lock serialises limit changes). */
  findLimits(scope: TenantScope): Promise<TenantLimits | null>;
  saveLimits(scope: TenantScope, limits: Omit<TenantLimits, 'tenantId'>): Promise<void>;
}

export abstract class TenantRepository {
  /** Runs `work` in a new transaction, or inside `within` (a consumer's transaction with its inbox row). */
  abstract transaction<T>(work: (tx: TenantUnitOfWork) => Promise<T>, within?: EntityManager): Promise<T>;
  abstract findTenant(scope: TenantScope): Promise<Tenant | null>;
  abstract listTenants(query: TenantListQuery): Promise<TenantListRow[]>;
  abstract history(scope: TenantScope): Promise<TenantTransition[]>;
  abstract findPlan(planId: string): Promise<Plan | null>;
  abstract findLimits(scope: TenantScope): Promise<TenantLimits | null>;
}
