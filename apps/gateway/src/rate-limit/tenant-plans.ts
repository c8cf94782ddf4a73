/**
 * A tenant's plan for the limiter, from the tenant_plans projection, kept in memory for
 * RATE_LIMIT_PLAN_CACHE_MS so a call costs no database read: a plan change takes effect within that.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { GatewayConfig } from '../gateway.config';
import { TenantStatusRepository } from '../tenant-status/tenant-status.repository';

/** Bounded: past this many tenants the cache starts afresh rather than grow. */
const MAX_ENTRIES = 50_000;

@Injectable()
export class TenantPlans {
  private readonly cache = new Map<string, { plan: string | undefined; until: number }>();
  private readonly ttlMs: number;

  constructor(
    private readonly statuses: TenantStatusRepository,
    private readonly clock: Clock,
    config: GatewayConfig,
  ) {
    this.ttlMs = config.RATE_LIMIT_PLAN_CACHE_MS;
  }

  async planOf(tenantId: string): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(tenantId);
    if (cached && cached.until > now) return cached.plan;
    const plan = await this.statuses.findPlan(tenantScope(tenantId));
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(tenantId, { plan, until: now + this.ttlMs });
    return plan;
  }
}
