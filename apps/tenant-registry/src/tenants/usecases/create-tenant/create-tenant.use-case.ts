/**
 * Registers a tenant in `provisioning` and announces TenantCreated, which starts provisioning, with
 * TenantLimitsChanged version 1: the limits its resources give, soft.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { deriveSlug, resolveDomain } from '../../tenant-domain';
import { Tenant } from '../../tenant.row';
import { toTenantCreatedPayload } from '../../tenant.mapper';
import { deriveLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.row';
import { TENANT_PROBLEMS } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { definedOnly, findPlanOrFail, planValue } from '../../plan-defaults';
import { CreateTenantCommand } from './create-tenant.command';

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    private readonly config: TenantRegistryConfig,
  ) {}

  async execute(command: CreateTenantCommand): Promise<Tenant> {
    const domain = resolveDomain(command.domain, this.config.PLATFORM_DOMAIN);
    const slug = deriveSlug(domain, command.name);
    const plan = await findPlanOrFail(this.repository, command.plan.id);
    const now = this.clock.now();
    const tenant: Tenant = {
      id: randomUUID(),
      slug,
      name: command.name.trim(),
      status: 'provisioning',
      statusReason: null,
      domain,
      plan: planValue(plan, command.plan),
      adminEmail: command.adminEmail,
      configuration: { ...plan.configuration, ...definedOnly(command.configuration) },
      resources: { ...plan.resources, ...definedOnly(command.resources) },
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.transactions.run(async (tx) => {
      const claims = await this.repository.nameClaims(tx, slug, domain.hostname);
      if (claims.reserved) throw TENANT_PROBLEMS['reserved-name'](`The name ${slug} is reserved`, { slug });
      if (claims.hostnameOwner) throw TENANT_PROBLEMS['domain-taken'](`The domain ${domain.hostname} is already taken`, { hostname: domain.hostname });
      if (claims.slugOwner) throw TENANT_PROBLEMS['slug-taken'](`The slug ${slug} is already taken`, { slug });
      const scope = tenantScope(tenant.id);
      await this.repository.insertTenant(tx, tenant);
      await this.repository.addTransition(tx, scope, { from: null, to: 'provisioning', reason: null, actor: command.by.actor, requestId: command.by.requestId, correlationId: command.by.correlationId ?? null, at: now });
      const limits: TenantLimits = { tenantId: tenant.id, limits: deriveLimits(tenant.resources), explicit: false, version: 1, updatedAt: now };
      await this.repository.saveLimits(tx, scope, limits);
      // Both events in one outbox statement, TenantCreated first.
      await this.outbox.publishMany(tx, [
        { type: 'TenantCreated', payload: toTenantCreatedPayload(tenant) },
        { type: 'TenantLimitsChanged', payload: toTenantLimitsChangedPayload(limits) },
      ]);
      return tenant;
    });
  }
}
