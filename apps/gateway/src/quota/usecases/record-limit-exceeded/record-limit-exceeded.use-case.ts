/** Blocks a tenant's API calls until the month ends when it exceeded a hard api_calls limit that still holds. */
import { Injectable } from '@nestjs/common';
import { Clock } from '@tenantry/service';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { blockFor } from '../../api-call-quota-policy';
import { ApiCallQuotaRepository } from '../../api-call-quota.repository';
import { RecordLimitExceededCommand } from './record-limit-exceeded.command';

@Injectable()
export class RecordLimitExceededUseCase {
  constructor(
    private readonly quota: ApiCallQuotaRepository,
    private readonly clock: Clock,
  ) {}

  /** Runs inside the consumer's transaction (with its inbox row). */
  async execute(command: RecordLimitExceededCommand, tx: Transaction): Promise<void> {
    const { alert } = command;
    const scope = tenantScope(alert.tenantId);
    await this.quota.lockTenant(tx, scope);
    const now = this.clock.now();
    const block = blockFor(alert, await this.quota.knownLimit(tx, scope), now);
    if (block) await this.quota.block(tx, block, now);
  }
}
