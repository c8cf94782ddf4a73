/** Step `database`: the tenant's schema, its LOGIN role (password sealed by the tenant's data key in our schema) and the tenant baseline. */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TokenGenerator } from '../../infrastructure/token-generator';
import { TenantKeys } from '../../keys/tenant-keys';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { TenantCredentialRepository } from '../tenant-credential.repository';

@Injectable()
export class DatabaseStep implements SagaStep {
  readonly name = 'database';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly tenantKeys: TenantKeys,
    private readonly tokens: TokenGenerator,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const identity = this.tenantDatabase.identity(context.tenantId);
    // The same password on every run, so a repeated step leaves the role as the first run did.
    const scope = tenantScope(context.tenantId);
    const sealed = await this.credentials.ensure(scope, identity, () => this.tenantKeys.seal(scope, this.tokens.token(24).replace(/[^A-Za-z0-9]/g, 'x')));
    await this.tenantDatabase.createSchemaAndRole(identity, await this.tenantKeys.open(scope, sealed));
    const applied = await this.tenantDatabase.applyBaseline(identity);
    return { status: 'succeeded', detail: { schema: identity.schema, role: identity.role, baselineApplied: applied } };
  }

  async compensate(context: StepContext): Promise<void> {
    await this.tenantDatabase.drop(this.tenantDatabase.identity(context.tenantId));
    await this.credentials.remove(tenantScope(context.tenantId));
  }
}
