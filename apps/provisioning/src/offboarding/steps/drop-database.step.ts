/**
 * Step `drop-database`: drops the tenant's schema and role, forgets its credential, frees its host
 * names and destroys its data key (crypto-shredding: any copy of its sealed secrets, in a backup or
 * elsewhere, can no longer be opened). The export step has run before it.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { DomainRouteRepository } from '../../domains/domain-route.repository';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TenantKeys } from '../../keys/tenant-keys';
import { TenantCredentialRepository } from '../../provisioning/tenant-credential.repository';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';

@Injectable()
export class DropDatabaseStep implements SagaStep {
  readonly name = 'drop-database';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly routes: DomainRouteRepository,
    private readonly tenantKeys: TenantKeys,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const identity = this.tenantDatabase.identity(context.tenantId);
    await this.tenantDatabase.drop(identity);
    const scope = tenantScope(context.tenantId);
    await this.credentials.remove(scope);
    await this.routes.releaseTenant(scope);
    await this.tenantKeys.destroy(scope);
    return { status: 'succeeded', detail: { schema: identity.schema, role: identity.role, dropped: true, dataKeyDestroyed: true } };
  }
}
