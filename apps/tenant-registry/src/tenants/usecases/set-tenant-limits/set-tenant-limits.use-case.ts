/**
 * Sets a tenant's limits explicitly (from then on a change of its resources no longer re-derives
 * them) and announces TenantLimitsChanged with the next version, in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { assertUpdatable } from '../../tenant-lifecycle';
import { sameLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits } from '../../tenant-limits.entity';
import { tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { SetTenantLimitsCommand } from './set-tenant-limits.command';

@Injectable()
export class SetTenantLimitsUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: SetTenantLimitsCommand): Promise<TenantLimits> {
    return this.repository.transaction(async (tx) => {
      const scope = { tenantId: command.tenantId };
      const tenant = await tx.lockTenant(scope);
      if (!tenant) throw tenantNotFound(command.tenantId);
      assertUpdatable(tenant.status);
      const current = await tx.findLimits(scope);
      // The same set again (a client retry) changes nothing and announces nothing.
      if (current?.explicit && sameLimits(current.limits, command.limits)) return current;
      const next: TenantLimits = { tenantId: tenant.id, limits: command.limits, explicit: true, version: (current?.version ?? 0) + 1, updatedAt: this.clock.now() };
      await tx.saveLimits(scope, next);
      await tx.publish('TenantLimitsChanged', toTenantLimitsChangedPayload(next));
      return next;
    });
  }
}
