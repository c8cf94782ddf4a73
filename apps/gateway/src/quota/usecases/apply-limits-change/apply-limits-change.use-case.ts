/** Remembers a tenant's newest API-call limit (older versions are ignored) and lifts a block the new limit ends. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { apiCallLimitOf, liftsBlock } from '../../api-call-quota-policy';
import { ApiCallQuotaRepository } from '../../api-call-quota.repository';
import { ApplyLimitsChangeCommand } from './apply-limits-change.command';

@Injectable()
export class ApplyLimitsChangeUseCase {
  constructor(private readonly quota: ApiCallQuotaRepository) {}

  /** Runs inside the consumer's transaction (with its inbox row). */
  async execute(command: ApplyLimitsChangeCommand, tx: Transaction): Promise<void> {
    const scope = tenantScope(command.tenantId);
    await this.quota.lockTenant(tx, scope);
    const known = apiCallLimitOf(command.tenantId, command.version, command.limits);
    if (!(await this.quota.saveKnownLimit(tx, known))) return;
    const block = await this.quota.findBlock(tx, scope);
    if (block && liftsBlock(known, block)) await this.quota.lift(tx, scope);
  }
}
