/**
 * Registers a tenant in `provisioning` and announces TenantCreated, which starts provisioning, with
 * TenantLimitsChanged version 1: the limits its resources give, soft.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { deriveSlug, resolveDomain } from '../../tenant-domain';
import { Tenant } from '../../tenant.entity';
import { toTenantCreatedPayload } from '../../tenant.mapper';
import { deriveLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.entity';
import { TENANT_PROBLEMS } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { definedOnly, findPlanOrFail, planValue } from '../../plan-defaults';
import { CreateTenantCommand } from './create-tenant.command';

@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly repository: TenantRepository,
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
    return this.repository.transaction(async (tx) => {
      if (await tx.isReservedSlug(slug)) throw TENANT_PROBLEMS['reserved-name'](`The name ${slug} is reserved`, { slug });
      if (await tx.hostnameOwner(domain.hostname)) throw TENANT_PROBLEMS['domain-taken'](`The domain ${domain.hostname} is already taken`, { hostname: domain.hostname });
      if (await tx.slugOwner(slug)) throw TENANT_PROBLEMS['slug-taken'](`The slug ${slug} is already taken`, { slug });
      await tx.insertTenant(tenant);
      await tx.addTransition({ tenantId: tenant.id }, { from: null, to: 'provisioning', reason: null, actor: command.by.actor, requestId: command.by.requestId, at: now });
      await tx.publish('TenantCreated', toTenantCreatedPayload(tenant));
      const limits: TenantLimits = { tenantId: tenant.id, limits: deriveLimits(tenant.resources), explicit: false, version: 1, updatedAt: now };
      await tx.saveLimits({ tenantId: tenant.id }, limits);
      await tx.publish('TenantLimitsChanged', toTenantLimitsChangedPayload(limits));
      return tenant;
    });
  }
}
