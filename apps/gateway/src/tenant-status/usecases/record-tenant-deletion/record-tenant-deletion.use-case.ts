/**
 * A deleted tenant: the projection records it and every key bound to the tenant is revoked
 * (reason `tenant-deleted`), in the consumer's transaction, holding the tenant's key lock so a key
 * being issued at the same moment (CreateApiKeyUseCase) is either revoked here or refused there.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { Clock, LOGGER } from '@tenantry/service';
import { ApiKeyRepository } from '../../../auth';
import { TenantStatusRepository } from '../../tenant-status.repository';
import { RecordTenantDeletionCommand } from './record-tenant-deletion.command';

@Injectable()
export class RecordTenantDeletionUseCase {
  constructor(
    private readonly statuses: TenantStatusRepository,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: RecordTenantDeletionCommand, tx: Transaction): Promise<void> {
    const scope = tenantScope(command.tenantId);
    await this.keys.lockTenantKeys(tx, scope);
    await this.statuses.record(tx, { tenantId: command.tenantId, status: 'deleted', changedAt: command.at });
    const revoked = await this.keys.revokeTenantKeys(tx, scope, this.clock.now(), 'tenant-deleted');
    if (revoked > 0) this.logger.info({ tenantId: command.tenantId, revoked }, "revoked a deleted tenant's API keys");
  }
}
