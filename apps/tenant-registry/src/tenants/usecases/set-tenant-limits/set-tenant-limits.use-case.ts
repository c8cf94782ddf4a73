/**
 * Sets a tenant's limits explicitly (from then on a change of its resources no longer re-derives
 * them) and announces TenantLimitsChanged with the next version, in the same transaction.
 */
import { Injectable } from '@nestjs/common';
import { OutboxWriter } from '@tenantry/messaging';
import { LimitField } from '@tenantry/tenant-api';
import { tenantScope, Transaction, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { assertUpdatable } from '../../tenant-lifecycle';
import { sameLimits, toTenantLimitsChangedPayload } from '../../tenant-limits';
import { TenantLimits, TenantLimitSet } from '../../tenant-limits.row';
import { tenantNotFound } from '../../tenant.problems';
import { TenantRepository } from '../../tenant.repository';
import { SetTenantLimitsCommand } from './set-tenant-limits.command';

@Injectable()
export class SetTenantLimitsUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async execute(command: SetTenantLimitsCommand): Promise<TenantLimits> {
    return this.transactions.run((tx) => this.applyIn(tx, command));
  }

  /** The same change inside the caller's transaction (a bulk job marks its item done in it too). */
  async applyIn(tx: Transaction, command: SetTenantLimitsCommand): Promise<TenantLimits> {
    {
      const scope = tenantScope(command.tenantId);
      const tenant = await this.repository.lockTenant(tx, scope);
      // A deleted tenant has no limits to set: 404, as a read of them answers.
      if (!tenant || tenant.status === 'deleted') throw tenantNotFound(command.tenantId);
      assertUpdatable(tenant.status);
      const current = await this.repository.findLimits(scope, tx);
      const limits: TenantLimitSet = { ...command.limits, ...(command.limits.meters ? { meters: { ...command.limits.meters } } : {}) };
      for (const field of command.keepModes) {
        if (field.startsWith('meters.')) {
          const key = field.slice('meters.'.length);
          const given = limits.meters?.[key];
          const mode = current?.limits.meters?.[key]?.mode;
          if (limits.meters && given && mode) limits.meters[key] = { ...given, mode };
          continue;
        }
        const fixed = field as LimitField;
        const given = limits[fixed];
        const mode = current?.limits[fixed]?.mode;
        if (given && mode) limits[fixed] = { ...given, mode };
      }
      // The same set again (a client retry) changes nothing and announces nothing.
      if (current?.explicit && sameLimits(current.limits, limits)) return current;
      const next: TenantLimits = { tenantId: tenant.id, limits, explicit: true, version: (current?.version ?? 0) + 1, updatedAt: this.clock.now() };
      await this.repository.saveLimits(tx, scope, next);
      await this.outbox.publish(tx, 'TenantLimitsChanged', toTenantLimitsChangedPayload(next));
      return next;
    }
  }
}
