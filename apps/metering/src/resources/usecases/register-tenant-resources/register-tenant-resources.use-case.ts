/** Records where a provisioned tenant's data lives, so the collectors measure it. */
import { Injectable } from '@nestjs/common';
import { TenantResourceRepository } from '../../tenant-resource.repository';
import { RegisterTenantResourcesCommand } from './register-tenant-resources.command';

@Injectable()
export class RegisterTenantResourcesUseCase {
  constructor(private readonly resources: TenantResourceRepository) {}

  async execute(command: RegisterTenantResourcesCommand): Promise<void> {
    await this.resources.register({ tenantId: command.tenantId, schemaName: command.schemaName, storageRoot: command.storageRoot, at: command.at }, command.tx);
  }
}
