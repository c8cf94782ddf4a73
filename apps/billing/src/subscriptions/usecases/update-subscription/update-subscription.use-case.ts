/**
 * The operator's change of a subscription: a plan change (the same rules as TenantPlanChanged) and
 * the tenant's tax rate (used by invoices not yet finalized), in one transaction.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock, COMMON_PROBLEMS } from '@tenantry/service';
import { SubscriptionRepository } from '../../subscription.repository';
import { SubscriptionWithAccount } from '../../subscription.row';
import { ChangePlanCommand } from '../change-plan/change-plan.command';
import { ChangePlanUseCase } from '../change-plan/change-plan.use-case';
import { UpdateSubscriptionCommand } from './update-subscription.command';

@Injectable()
export class UpdateSubscriptionUseCase {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly changePlan: ChangePlanUseCase,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateSubscriptionCommand): Promise<SubscriptionWithAccount> {
    const scope = tenantScope(command.tenantId);
    return this.transactions.run(async (tx) => {
      const current = await this.subscriptions.lock(tx, scope);
      if (!current) throw COMMON_PROBLEMS['tenant-not-found'](`Tenant ${scope.tenantId} has no subscription`, { tenantId: scope.tenantId });
      if (command.taxRate !== undefined) await this.subscriptions.setTaxRate(tx, scope, command.taxRate);
      if (command.planId !== undefined) await this.changePlan.execute(new ChangePlanCommand(scope.tenantId, command.planId, this.clock.now()), tx);
      const updated = await this.subscriptions.find(scope, tx);
      if (!updated) throw new Error('subscription vanished');
      return updated;
    });
  }
}
