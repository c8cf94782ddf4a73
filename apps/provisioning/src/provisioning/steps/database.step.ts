/**
 * Step `database`: the tenant's database (tier `database`) or schema in the shared tenant database
 * (tier `schema`), its LOGIN role (password sealed by the tenant's data key in our schema) and the
 * tenant baseline. The tier comes from the tenant's plan (TENANT_ISOLATION_BY_PLAN, else
 * TENANT_ISOLATION) and is recorded with the names before anything is created, so a repeated or
 * resumed step, and the compensation, work on what the first run chose.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from '@tenantry/observability';
import { tenantScope } from '@tenantry/persistence';
import { LOGGER } from '@tenantry/service';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TokenGenerator } from '../../infrastructure/token-generator';
import { TenantKeys } from '../../keys/tenant-keys';
import { isolationTierFor, ProvisioningConfig } from '../../provisioning.config';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { provisioningInput } from '../provisioning-input';
import { TenantCredentialRepository } from '../tenant-credential.repository';

@Injectable()
export class DatabaseStep implements SagaStep {
  readonly name = 'database';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
    private readonly tenantKeys: TenantKeys,
    private readonly tokens: TokenGenerator,
    private readonly config: ProvisioningConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const scope = tenantScope(context.tenantId);
    const tier = isolationTierFor(this.config, provisioningInput(context).plan?.id);
    // The same names and password on every run, so a repeated step leaves things as the first run did.
    const password = this.tokens.token(24).replace(/[^A-Za-z0-9]/g, 'x');
    let sealed: string | undefined;
    const { identity, passwordEnc } = await this.credentials.ensure(scope, this.tenantDatabase.identity(context.tenantId, tier), async () => (sealed = await this.tenantKeys.seal(scope, password)));
    // The password sealed now, unless an earlier run's record was kept: then that one, opened.
    const isolation = await this.tenantDatabase.create(identity, passwordEnc === sealed ? password : await this.tenantKeys.open(scope, passwordEnc));
    if (!isolation.publicRevoked || !isolation.statisticsHidden) {
      this.logger.warn({ tenantId: context.tenantId, ...isolation }, 'tenant database not fully isolated: PUBLIC privileges or statistics remain (provisioning needs a superuser there; see deploy/README.md)');
    }
    const applied = await this.tenantDatabase.applyBaseline(identity);
    return {
      status: 'succeeded',
      detail: { isolation: identity.tier, ...(identity.database ? { database: identity.database } : {}), schema: identity.schema, role: identity.role, baselineApplied: applied },
    };
  }

  async compensate(context: StepContext): Promise<void> {
    const scope = tenantScope(context.tenantId);
    const recorded = await this.credentials.find(scope);
    // Without a record nothing was created under it; the opaque names are dropped anyway, which costs nothing.
    const identities = recorded ? [recorded.identity] : [this.tenantDatabase.identity(context.tenantId, 'database'), this.tenantDatabase.identity(context.tenantId, 'schema')];
    for (const identity of identities) await this.tenantDatabase.drop(identity);
    await this.credentials.remove(scope);
  }
}
