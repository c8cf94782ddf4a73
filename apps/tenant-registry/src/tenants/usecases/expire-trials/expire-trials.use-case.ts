/**
 * Moves every trial whose end has passed (by the injected clock) to inactive, announcing
 * TenantDeactivated. Works in batches, each its own transaction, skipping rows another
 * sweeper (another replica) has locked.
 */
import { Injectable } from '@nestjs/common';
import { Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { TenantRepository } from '../../tenant.repository';
import { TenantStatusChanges } from '../../tenant-status-change';
import { ExpireTrialsCommand } from './expire-trials.command';

export const TRIAL_EXPIRED_REASON = 'trial expired';
const SYSTEM = { actor: 'system', requestId: null };

@Injectable()
export class ExpireTrialsUseCase {
  constructor(
    private readonly repository: TenantRepository,
    private readonly transactions: Transactions,
    private readonly statusChanges: TenantStatusChanges,
    private readonly clock: Clock,
  ) {}

  /** Returns the ids of the tenants it deactivated. */
  async execute(command: ExpireTrialsCommand): Promise<string[]> {
    const expired: string[] = [];
    for (;;) {
      const now = this.clock.now();
      const batch = await this.transactions.run(async (tx) => {
        const tenants = await this.repository.lockExpiredTrials(tx, now, command.batchSize);
        for (const tenant of tenants) await this.statusChanges.apply(tx, tenant, { to: 'inactive', reason: TRIAL_EXPIRED_REASON, by: SYSTEM, at: now });
        return tenants.map((tenant) => tenant.id);
      });
      expired.push(...batch);
      if (batch.length < command.batchSize) return expired;
    }
  }
}
