/**
 * A TenantRepository in memory for unit specs, with the transactions and the outbox it works with:
 * a transaction commits on success and rolls back on a throw, its events with it.
 */
import { RecordedEvent, RecordingOutbox } from '@tenantry/messaging/testing';
import { TenantScope, Transaction } from '@tenantry/persistence';
import { FakeTransactionParticipant, FakeTransactions } from '@tenantry/persistence/testing';
import { TenantStatusChanges } from '../tenant-status-change';
import { Plan, Tenant } from '../tenant.row';
import { TenantTransition } from '../tenant-transition.row';
import { TenantLimits } from '../tenant-limits.row';
import { NameClaims, TenantListQuery, TenantListRow, TenantRepository } from '../tenant.repository';

export const TEST_PLANS: Plan[] = [
  { id: 'free', name: 'Free', trialDays: null, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 10, users: 5 } },
  { id: 'starter', name: 'Starter', trialDays: 14, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 10, bandwidth: 100, users: 25 } },
  { id: 'growth', name: 'Growth', trialDays: null, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 100, bandwidth: 1000, users: 250 } },
];

interface State {
  tenants: Map<string, Tenant>;
  transitions: TenantTransition[];
  limits: Map<string, TenantLimits>;
}

function clone(state: State): State {
  return { tenants: new Map(state.tenants), transitions: [...state.transitions], limits: new Map(state.limits) };
}

export class InMemoryTenantRepository extends TenantRepository implements FakeTransactionParticipant {
  readonly transactions = new FakeTransactions();
  readonly outbox = new RecordingOutbox(this.transactions);
  /** Status changes over this store, as the module wires them. */
  readonly statusChanges: TenantStatusChanges;
  readonly reserved = new Set(['www', 'api', 'admin', 'app', 'mail']);
  private state: State = { tenants: new Map(), transitions: [], limits: new Map() };
  private readonly drafts = new Map<Transaction, State>();

  constructor(private readonly plans: Plan[] = TEST_PLANS) {
    super();
    this.transactions.enlist(this);
    this.statusChanges = new TenantStatusChanges(this, this.transactions, this.outbox);
  }

  /** The events of committed transactions. */
  get events(): RecordedEvent[] {
    return this.outbox.events;
  }

  get tenants(): Tenant[] {
    return [...this.state.tenants.values()];
  }

  seed(tenant: Tenant): void {
    this.state.tenants.set(tenant.id, tenant);
  }

  begin(tx: Transaction): void {
    this.drafts.set(tx, clone(this.state));
  }

  commit(tx: Transaction): void {
    this.state = this.draft(tx);
    this.drafts.delete(tx);
  }

  rollback(tx: Transaction): void {
    this.drafts.delete(tx);
  }

  async findTenant(scope: TenantScope): Promise<Tenant | null> {
    return this.state.tenants.get(scope.tenantId) ?? null;
  }

  async listTenants(query: TenantListQuery): Promise<TenantListRow[]> {
    const rows = [...this.state.tenants.values()]
      .filter((tenant) => (!query.status || tenant.status === query.status) && (!query.planId || tenant.plan.id === query.planId))
      .map((tenant) => ({ tenant, sortKey: tenant.createdAt.toISOString().replace('Z', '000Z') })) // microseconds, as PostgreSQL writes the key
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.tenant.id.localeCompare(b.tenant.id));
    const after = query.after;
    const rest = after ? rows.filter((row) => row.sortKey > after.key || (row.sortKey === after.key && row.tenant.id > after.id)) : rows;
    return rest.slice(0, query.limit);
  }

  async history(scope: TenantScope): Promise<TenantTransition[]> {
    return this.state.transitions.filter((transition) => transition.tenantId === scope.tenantId);
  }

  async findPlan(planId: string): Promise<Plan | null> {
    return this.plans.find((plan) => plan.id === planId) ?? null;
  }

  async findLimits(scope: TenantScope, tx?: Transaction): Promise<TenantLimits | null> {
    return (tx ? this.draft(tx) : this.state).limits.get(scope.tenantId) ?? null;
  }

  async lockTenant(tx: Transaction, scope: TenantScope): Promise<Tenant | null> {
    return this.draft(tx).tenants.get(scope.tenantId) ?? null;
  }

  async insertTenant(tx: Transaction, tenant: Tenant): Promise<void> {
    this.draft(tx).tenants.set(tenant.id, tenant);
  }

  async updateTenant(tx: Transaction, scope: TenantScope, tenant: Tenant): Promise<void> {
    this.draft(tx).tenants.set(scope.tenantId, tenant);
  }

  async addTransition(tx: Transaction, scope: TenantScope, transition: Omit<TenantTransition, 'tenantId'>): Promise<void> {
    this.draft(tx).transitions.push({ tenantId: scope.tenantId, ...transition });
  }

  async hostnameOwner(tx: Transaction, hostname: string): Promise<string | null> {
    return [...this.draft(tx).tenants.values()].find((tenant) => tenant.domain.hostname === hostname)?.id ?? null;
  }

  async slugOwner(tx: Transaction, slug: string): Promise<string | null> {
    return [...this.draft(tx).tenants.values()].find((tenant) => tenant.slug === slug)?.id ?? null;
  }

  async isReservedSlug(_tx: Transaction, slug: string): Promise<boolean> {
    return this.reserved.has(slug);
  }

  async nameClaims(tx: Transaction, slug: string, hostname: string): Promise<NameClaims> {
    return { reserved: await this.isReservedSlug(tx, slug), hostnameOwner: await this.hostnameOwner(tx, hostname), slugOwner: await this.slugOwner(tx, slug) };
  }

  async lockExpiredTrials(tx: Transaction, now: Date, limit: number): Promise<Tenant[]> {
    return [...this.draft(tx).tenants.values()].filter((tenant) => tenant.status === 'trial' && tenant.plan.trialEndsAt !== null && tenant.plan.trialEndsAt <= now).slice(0, limit);
  }

  async saveLimits(tx: Transaction, scope: TenantScope, limits: Omit<TenantLimits, 'tenantId'>): Promise<void> {
    this.draft(tx).limits.set(scope.tenantId, { tenantId: scope.tenantId, ...limits });
  }

  private draft(tx: Transaction): State {
    const draft = this.drafts.get(tx);
    if (!draft) throw new Error('not a transaction of this store: open it with its `transactions`');
    return draft;
  }
}

let counter = 0;

/** A stored tenant with sensible defaults, for specs that start from a given state. */
export function aTenant(overrides: Partial<Tenant> = {}): Tenant {
  counter += 1;
  const at = new Date('2026-01-01T00:00:00.000Z');
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    slug: `tenant-${counter}`,
    name: `Tenant ${counter}`,
    status: 'active',
    statusReason: null,
    domain: { type: 'subdomain', value: `tenant-${counter}`, hostname: `tenant-${counter}.tenantry.local`, ssl: true },
    plan: { id: 'growth', trial: false, duration: null, trialEndsAt: null },
    adminEmail: 'ops@example.com',
    configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' },
    resources: { storage: 100, bandwidth: 1000, users: 250 },
    version: 1,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
