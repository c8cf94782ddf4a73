/** Records where a provisioned tenant's data lives, so the collectors measure it. */
import { Injectable } from '@nestjs/common';
import { tenantScope, Transaction } from '@tenantry/persistence';
import { TenantResourceRepository } from '../../tenant-resource.repository';
import { RegisterTenantResourcesCommand } from './register-tenant-resources.command';

@Injectable()
export class RegisterTenantResourcesUseCase {
  constructor(private readonly resources: TenantResourceRepository) {}

  async execute(command: RegisterTenantResourcesCommand, tx: Transaction): Promise<void> {
    await this.resources.register(tx, { ...tenantScope(command.tenantId), schemaName: command.schemaName, databaseName: command.databaseName, storageRoot: command.storageRoot, at: command.at });
  }
}
