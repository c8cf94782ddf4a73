/** Stops measuring a tenant for good; a later (replayed) TenantProvisioned does not bring it back. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { TenantResourceRepository } from '../../tenant-resource.repository';
import { RetireTenantResourcesCommand } from './retire-tenant-resources.command';

@Injectable()
export class RetireTenantResourcesUseCase {
  constructor(private readonly resources: TenantResourceRepository) {}

  async execute(command: RetireTenantResourcesCommand, tx: Transaction): Promise<void> {
    await this.resources.retire(tx, { ...tenantScope(command.tenantId), at: command.at });
  }
}
