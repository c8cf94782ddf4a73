/** Step `drop-database`: drops the tenant's schema and role, forgets its credential and frees its host names. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { DomainRouteRepository } from '../../domains/domain-route.repository';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TenantCredentialRepository } from '../../provisioning/tenant-credential.repository';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';

@Injectable()
export class DropDatabaseStep implements SagaStep {
  readonly name = 'drop-database';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly routes: DomainRouteRepository,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const identity = this.tenantDatabase.identity(context.tenantId);
    await this.tenantDatabase.drop(identity);
    const scope = tenantScope(context.tenantId);
    await this.credentials.remove(scope);
    await this.routes.releaseTenant(scope);
    return { status: 'succeeded', detail: { schema: identity.schema, role: identity.role, dropped: true } };
  }
}
