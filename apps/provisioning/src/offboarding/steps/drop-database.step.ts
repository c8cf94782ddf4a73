/**
 * Step `drop-database`: drops the tenant's database `WITH (FORCE)` (tier `database`) or schema
 * (tier `schema`) and its role, forgets its credential, frees its host names and destroys its
 * data key (crypto-shredding: any copy of its sealed secrets, in a backup or elsewhere, can no
 * longer be opened). The export step has run before it. Every part skips what is gone already,
 * so a re-run after a crash is harmless.
 */
import { Injectable } from '@nestjs/common';
import { tenantScope } from '@tenantry/persistence';
import { DomainRouteRepository } from '../../domains/domain-route.repository';
import { TenantDatabase } from '../../infrastructure/tenant-database';
import { TenantKeys } from '../../keys/tenant-keys';
import { recordedIdentity } from '../../provisioning/recorded-identity';
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
    const scope = tenantScope(context.tenantId);
    const identity = await recordedIdentity(this.credentials, context.tenantId);
    // The record goes only after what it names: a run that finds none has nothing left to drop.
    if (identity) await this.tenantDatabase.drop(identity);
    await this.credentials.remove(scope);
    await this.routes.releaseTenant(scope);
    await this.tenantKeys.destroy(scope);
    const dropped = identity ? { isolation: identity.tier, ...(identity.database ? { database: identity.database } : {}), schema: identity.schema, role: identity.role } : (context.detail as Record<string, unknown>);
    return { status: 'succeeded', detail: { ...dropped, dropped: true, dataKeyDestroyed: true } };
  }
}
