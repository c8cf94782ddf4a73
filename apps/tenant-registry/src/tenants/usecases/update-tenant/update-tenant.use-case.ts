/**
 * Changes name, domain, plan, configuration or resources under optimistic concurrency, and
 * announces TenantUpdated (plus TenantPlanChanged when the plan changed, a new configuration version
 * with its TenantConfigChanged when the configuration did, and
 * TenantLimitsChanged when new resources re-derive limits nobody has set explicitly).
 */
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transaction, Transactions } from '@tenantry/persistence';
import { Clock, invalidField } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { assertUpdatable } from '../../tenant-lifecycle';
import { resolveDomain } from '../../tenant-domain';
import { Tenant } from '../../tenant.row';
import { etagOf } from '../../tenant.mapper';
import { deriveLimits, sameLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.row';
import { TENANT_PROBLEMS, tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { definedOnly, findPlanOrFail, planValue } from '../../plan-defaults';
import { maskSecrets } from '@tenantry/tenant-api';
import { TenantConfigurations } from '../../configuration/tenant-configurations';
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
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
    private readonly configurations: TenantConfigurations,
  ) {}

  async execute(command: UpdateTenantCommand): Promise<Tenant> {
    const { changes } = command;
    if (FIELDS.every((field) => changes[field] === undefined)) throw invalidField('body', `must contain at least one of ${FIELDS.join(', ')}`);
    const domain = changes.domain ? resolveDomain(changes.domain, this.config.PLATFORM_DOMAIN) : undefined;
    const plan = changes.plan ? await findPlanOrFail(this.repository, changes.plan.id) : undefined;
    return this.transactions.run((tx) => this.applyChanges(tx, command, domain, plan));
  }

  /** The same change inside the caller's transaction (a bulk job marks its item done in it too). */
  async applyIn(tx: Transaction, command: UpdateTenantCommand): Promise<Tenant> {
    const { changes } = command;
    if (FIELDS.every((field) => changes[field] === undefined)) throw invalidField('body', `must contain at least one of ${FIELDS.join(', ')}`);
    const domain = changes.domain ? resolveDomain(changes.domain, this.config.PLATFORM_DOMAIN) : undefined;
    const plan = changes.plan ? await findPlanOrFail(this.repository, changes.plan.id) : undefined;
    return this.applyChanges(tx, command, domain, plan);
  }

  private async applyChanges(tx: Transaction, command: UpdateTenantCommand, domain: ReturnType<typeof resolveDomain> | undefined, plan: Awaited<ReturnType<typeof findPlanOrFail>> | undefined): Promise<Tenant> {
    const { changes } = command;
    {
      const scope = tenantScope(command.tenantId);
      const current = await this.repository.lockTenant(tx, scope);
      if (!current) throw tenantNotFound(command.tenantId);
      if (command.ifMatch !== undefined && !matchesIfMatch(command.ifMatch, current.version)) {
        throw TENANT_PROBLEMS['precondition-failed'](`The tenant is at ${etagOf(current)}, not ${command.ifMatch}`, { currentVersion: current.version });
      }
      assertUpdatable(current.status);
      if (domain && domain.hostname !== current.domain.hostname) {
        const owner = await this.repository.hostnameOwner(tx, domain.hostname);
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
      await this.repository.updateTenant(tx, scope, updated);
      const at = now.toISOString();
      await this.outbox.publish(tx, 'TenantUpdated', { tenantId: updated.id, changed: [...changed], version: updated.version, updatedAt: at });
      if (updated.plan.id !== current.plan.id) await this.outbox.publish(tx, 'TenantPlanChanged', { tenantId: updated.id, fromPlanId: current.plan.id, toPlanId: updated.plan.id, at });
      // The four creation fields are part of the versioned configuration: a new version, with its TenantConfigChanged.
      if (changed.includes('configuration')) {
        const configuration = await this.configurations.current(current, tx);
        await this.configurations.change(tx, updated, configuration, {
          next: { ...maskSecrets(configuration.document), ...definedOnly(changes.configuration) },
          by: command.by,
          reason: 'PUT /tenants/{id}',
          tenantRowUpdated: true,
        });
      }
      if (changed.includes('resources')) await this.rederiveLimits(tx, updated, now);
      return updated;
    }
  }

  private async rederiveLimits(tx: Transaction, tenant: Tenant, now: Date): Promise<void> {
    const scope = tenantScope(tenant.id);
    const current = await this.repository.findLimits(scope, tx);
    if (current?.explicit) return;
    const derived = deriveLimits(tenant.resources);
    if (current && sameLimits(current.limits, derived)) return;
    const next: TenantLimits = { tenantId: tenant.id, limits: derived, explicit: false, version: (current?.version ?? 0) + 1, updatedAt: now };
    await this.repository.saveLimits(tx, scope, next);
    await this.outbox.publish(tx, 'TenantLimitsChanged', toTenantLimitsChangedPayload(next));
  }
}
