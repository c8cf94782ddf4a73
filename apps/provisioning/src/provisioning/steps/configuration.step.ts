/** Step `configuration`: the plan's defaults under the tenant's own configuration, stored in the tenant's settings table. */
import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { SagaStep, StepContext, StepOutcome } from '../../saga/saga.model';
import { requireRecordedIdentity } from '../recorded-identity';
import { TenantCredentialRepository } from '../tenant-credential.repository';
import { provisioningInput } from '../provisioning-input';

/** Fallbacks for keys an older registry might not resolve; the registry's values always win. */
const CONFIGURATION_DEFAULTS: Readonly<Record<string, unknown>> = { theme: 'default', language: 'en', timezone: 'UTC', currency: 'USD' };

@Injectable()
export class ConfigurationStep implements SagaStep {
  readonly name = 'configuration';

  constructor(
    private readonly tenantDatabase: TenantDatabase,
    private readonly credentials: TenantCredentialRepository,
  ) {}

  async execute(context: StepContext): Promise<StepOutcome> {
    const input = provisioningInput(context);
    const configuration = { ...CONFIGURATION_DEFAULTS, ...input.configuration };
    const settings = { configuration, resources: input.resources, plan: input.plan, domain: input.domain, name: input.name, slug: input.slug };
    await this.tenantDatabase.writeSettings(await requireRecordedIdentity(this.credentials, context.tenantId), settings);
    return { status: 'succeeded', detail: { keys: Object.keys(settings) } };
  }
}
