/** A TenantRepository in memory for unit specs: transactions commit on success and roll back on a throw. */
import { EventName, EventPayload } from '@tenantry/contracts';
import { Plan, Tenant } from '../tenant.entity';
import { TenantTransition } from '../tenant-transition.entity';
import { TenantLimits } from '../tenant-limits.entity';
import { TenantListQuery, TenantListRow, TenantRepository, TenantScope, TenantUnitOfWork } from '../tenant.repository';

export interface PublishedEvent {
  type: EventName;
  payload: unknown;
}

export const TEST_PLANS: Plan[] = [
  { id: 'free', name: 'Free', trialDays: null, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 1, bandwidth: 10, users: 5 } },
  { id: 'starter', name: 'Starter', trialDays: 14, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 10, bandwidth: 100, users: 25 } },
  { id: 'growth', name: 'Growth', trialDays: null, configuration: { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' }, resources: { storage: 100, bandwidth: 1000, users: 250 } },
];

interface State {
  tenants: Map<string, Tenant>;
  transitions: TenantTransition[];
  events: PublishedEvent[];
  limits: Map<string, TenantLimits>;
}

function clone(state: State): State {
  return { tenants: new Map(state.tenants), transitions: [...state.transitions], events: [...state.events], limits: new Map(state.limits) };
}

export class InMemoryTenantRepository extends TenantRepository {
  private state: State = { tenants: new Map(), transitions: [], events: [], limits: new Map() };
  readonly reserved = new Set(['www', 'api', 'admin', 'app', 'mail']);

  constructor(private readonly plans: Plan[] = TEST_PLANS) {
    super();
  }

  get events(): PublishedEvent[] {
    return this.state.events;
  }

  get tenants(): Tenant[] {
    return [...this.state.tenants.values()];
  }

  seed(tenant: Tenant): void {
    this.state.tenants.set(tenant.id, tenant);
  }

  async transaction<T>(work: (tx: TenantUnitOfWork) => Promise<T>): Promise<T> {
    const draft = clone(this.state);
    const result = await work(this.unitOfWork(draft));
    this.state = draft;
    return result;
  }

  async findTenant(scope: TenantScope): Promise<Tenant | null> {
    return this.state.tenants.get(scope.tenantId) ?? null;
  }

  async listTenants(query: TenantListQuery): Promise<TenantListRow[]> {
    const rows = [...this.state.tenants.values()]
      .filter((tenant) => (!query.status || tenant.status === query.status) && (!query.planId || tenant.plan.id === query.planId))
      .map((tenant) => ({ tenant, sortKey: tenant.createdAt.toISOString() }))
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.tenant.id.localeCompare(b.tenant.id));
    const after = query.after;
    const rest = after ? rows.filter((row) => row.sortKey > after.key || (row.sortKey === after.key && row.tenant.id > after.id)) : rows;
    return rest.slice(0, query.limit);
  }

  async history(scope: TenantScope): Promise<TenantTransition[]> {
    return this.state.transitions.filter((transition) => transition.tenantId === scope.tenantId);
  }

  async findLimits(scope: TenantScope): Promise<TenantLimits | null> {
    return this.state.limits.get(scope.tenantId) ?? null;
  }

  async findPlan(planId: string): Promise<Plan | null> {
    return this.plans.find((plan) => plan.id === planId) ?? null;
  }

  private unitOfWork(draft: State): TenantUnitOfWork {
    const reserved = this.reserved;
    return {
      async lockTenant(scope) {
        return draft.tenants.get(scope.tenantId) ?? null;
      },
      async insertTenant(tenant) {
        draft.tenants.set(tenant.id, tenant);
      },
      async updateTenant(scope, tenant) {
        draft.tenants.set(scope.tenantId, tenant);
      },
      async addTransition(scope, transition) {
        draft.transitions.push({ tenantId: scope.tenantId, ...transition });
      },
      async hostnameOwner(hostname) {
        return [...draft.tenants.values()].find((tenant) => tenant.domain.hostname === hostname)?.id ?? null;
      },
      async slugOwner(slug) {
        return [...draft.tenants.values()].find((tenant) => tenant.slug === slug)?.id ?? null;
      },
      async isReservedSlug(slug) {
        return reserved.has(slug);
      },
      async lockExpiredTrials(now, limit) {
        return [...draft.tenants.values()].filter((tenant) => tenant.status === 'trial' && tenant.plan.trialEndsAt !== null && tenant.plan.trialEndsAt <= now).slice(0, limit);
      },
      async publish<N extends EventName>(type: N, payload: EventPayload<N>) {
        draft.events.push({ type, payload });
      },
      async findLimits(scope) {
        return draft.limits.get(scope.tenantId) ?? null;
      },
      async saveLimits(scope, limits) {
        draft.limits.set(scope.tenantId, { tenantId: scope.tenantId, ...limits });
      },
    };
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
