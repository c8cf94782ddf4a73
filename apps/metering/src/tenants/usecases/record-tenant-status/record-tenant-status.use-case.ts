/** Moves a tenant of the projection to the status its lifecycle event implies. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { TenantProjectionRepository } from '../../tenant-projection.repository';
import { statusAfter } from '../../tenant-status';
import { RecordTenantStatusCommand } from './record-tenant-status.command';

@Injectable()
export class RecordTenantStatusUseCase {
  constructor(private readonly tenants: TenantProjectionRepository) {}

  async execute(command: RecordTenantStatusCommand, tx: Transaction): Promise<void> {
    await this.tenants.record(tx, { ...tenantScope(command.tenantId), status: statusAfter(command.event), at: command.at });
  }
}
