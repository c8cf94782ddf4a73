/**
 * Changes name, domain, plan, configuration or resources under optimistic concurrency, and
 * announces TenantUpdated (plus TenantPlanChanged / TenantConfigChanged when those changed, and
 * TenantLimitsChanged when new resources re-derive limits nobody has set explicitly).
 */
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { Clock, invalidField } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { assertUpdatable } from '../../tenant-lifecycle';
import { resolveDomain } from '../../tenant-domain';
import { Tenant } from '../../tenant.entity';
import { etagOf } from '../../tenant.mapper';
import { deriveLimits, sameLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.entity';
import { TENANT_PROBLEMS, tenantNotFound } from '../../tenant.problems';
import { TenantRepository, TenantUnitOfWork } from '../../tenant.repository';
import { definedOnly, findPlanOrFail, planValue } from '../../plan-defaults';
import { UpdateTenantCommand } from './update-tenant.command';

const FIELDS = ['name', 'domain', 'plan', 'configuration', 'resources'] as const;

/** If-Match: `*` or a list of (weak or strong) entity tags; ours are W/"<version>". */
export function matchesIfMatch(header: string, version: number): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === `"${version}"`);
}

@Injectable()
export class UpdateTenantUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  async execute(command: UpdateTenantCommand): Promise<Tenant> {
    const { changes } = command;
    if (FIELDS.every((field) => changes[field] === undefined)) throw invalidField('body', `must contain at least one of ${FIELDS.join(', ')}`);
    const domain = changes.domain ? resolveDomain(changes.domain, this.config.PLATFORM_DOMAIN) : undefined;
    const plan = changes.plan ? await findPlanOrFail(this.repository, changes.plan.id) : undefined;
    return this.repository.transaction(async (tx) => {
      const scope = { tenantId: command.tenantId };
      const current = await tx.lockTenant(scope);
      if (!current) throw tenantNotFound(command.tenantId);
      if (command.ifMatch !== undefined && !matchesIfMatch(command.ifMatch, current.version)) {
        throw TENANT_PROBLEMS['precondition-failed'](`The tenant is at ${etagOf(current)}, not ${command.ifMatch}`, { currentVersion: current.version });
      }
      assertUpdatable(current.status);
      if (domain && domain.hostname !== current.domain.hostname) {
        const owner = await tx.hostnameOwner(domain.hostname);
        if (owner && owner !== current.id) throw TENANT_PROBLEMS['domain-taken'](`The domain ${domain.hostname} is already taken`, { hostname: domain.hostname });
      }
      const now = this.clock.now();
      const next: Tenant = {
        ...current,
        name: changes.name?.trim() ?? current.name,
        domain: domain ?? current.domain,
        plan: plan && changes.plan ? { ...planValue(plan, changes.plan), trialEndsAt: current.plan.trialEndsAt } : current.plan,
        configuration: { ...current.configuration, ...definedOnly(changes.configuration) },
        resources: { ...current.resources, ...definedOnly(changes.resources) },
      };
      const changed = FIELDS.filter((field) => !isDeepStrictEqual(next[field], current[field]));
      if (changed.length === 0) return current;
      const updated: Tenant = { ...next, version: current.version + 1, updatedAt: now };
      await tx.updateTenant(scope, updated);
      const at = now.toISOString();
      await tx.publish('TenantUpdated', { tenantId: updated.id, changed: [...changed], version: updated.version, updatedAt: at });
      if (updated.plan.id !== current.plan.id) await tx.publish('TenantPlanChanged', { tenantId: updated.id, fromPlanId: current.plan.id, toPlanId: updated.plan.id, at });
      if (changed.includes('configuration')) await tx.publish('TenantConfigChanged', { tenantId: updated.id, version: updated.version, configuration: { ...updated.configuration }, at });
      if (changed.includes('resources')) await this.rederiveLimits(tx, updated, now);
      return updated;
    });
  }

  private async rederiveLimits(tx: TenantUnitOfWork, tenant: Tenant, now: Date): Promise<void> {
    const scope = { tenantId: tenant.id };
    const current = await tx.findLimits(scope);
    if (current?.explicit) return;
    const derived = deriveLimits(tenant.resources);
    if (current && sameLimits(current.limits, derived)) return;
    const next: TenantLimits = { tenantId: tenant.id, limits: derived, explicit: false, version: (current?.version ?? 0) + 1, updatedAt: now };
    await tx.saveLimits(scope, next);
    await tx.publish('TenantLimitsChanged', toTenantLimitsChangedPayload(next));
  }
}
