/**
 * Issues a key: a random secret returned once, stored as its keyed hash with a short display prefix.
 *
 * A tenant-admin key needs a live tenant. The status projection answers first; a tenant it has not
 * heard of yet (created a moment ago) is looked up at the registry, the source of truth. A tenant
 * that does not exist, is being offboarded or is deleted → 422 `unknown-tenant` naming `tenantId`,
 * nothing stored. The key is inserted holding the tenant's key lock, the same lock the deletion
 * takes to revoke the tenant's keys (RecordTenantDeletionUseCase): a key is never issued after
 * that revocation.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TenantStatus } from '@tenantry/contracts';
import { tenantScope, Transactions } from '@tenantry/persistence';
import { Clock } from '@tenantry/service';
import { ApiKey, ApiKeyRepository, ApiKeySecrets, CURRENT_HASH_SCHEME, NewApiKey } from '../../../auth';
import { GATEWAY_PROBLEMS } from '../../../problems';
import { TenantStatusRepository } from '../../../tenant-status';
import { Caller, parseDocument, UpstreamProxy } from '../../../upstream';
import { CreateApiKeyCommand } from './create-api-key.command';

/** States in which a tenant gets no new keys: it is going, or gone. */
const NO_NEW_KEYS: ReadonlySet<TenantStatus> = new Set<TenantStatus>(['offboarding', 'deleted']);

@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly secrets: ApiKeySecrets,
    private readonly statuses: TenantStatusRepository,
    private readonly upstream: UpstreamProxy,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateApiKeyCommand): Promise<{ key: ApiKey; secret: string }> {
    const secret = this.secrets.generate();
    const tenantId = command.role === 'tenant-admin' ? (command.tenantId?.toLowerCase() ?? null) : null;
    const key: NewApiKey = {
      id: randomUUID(),
      name: command.name,
      prefix: this.secrets.displayPrefix(secret),
      keyHash: this.secrets.hash(secret),
      hashScheme: CURRENT_HASH_SCHEME,
      role: command.role,
      tenantId,
      bootstrap: false,
      createdAt: this.clock.now(),
    };
    if (tenantId === null) return { key: await this.keys.insert(key), secret };

    const scope = tenantScope(tenantId);
    if ((await this.statuses.find(scope)) === undefined) refuseUnless(await this.registryStatus(command.caller, tenantId), tenantId);
    const inserted = await this.transactions.run(async (tx) => {
      await this.keys.lockTenantKeys(tx, scope);
      // Read again under the lock: a deletion that got there first has recorded itself by now.
      const known = await this.statuses.find(scope);
      if (known) refuseUnless(known.status, tenantId);
      return this.keys.insert(key, tx);
    });
    return { key: inserted, secret };
  }

  /** The registry's word on the tenant: its status, or undefined when it has no such tenant. */
  private async registryStatus(caller: Caller, tenantId: string): Promise<TenantStatus | undefined> {
    const answer = await this.upstream.read(caller, { upstream: 'tenant-registry', method: 'GET', path: `/internal/v1/tenants/${tenantId}` });
    if (answer.status === 404) return undefined;
    const tenant = answer.status === 200 ? parseDocument(answer.body) : undefined;
    if (typeof tenant?.['id'] !== 'string' || tenant['id'].toLowerCase() !== tenantId || typeof tenant['status'] !== 'string') {
      throw GATEWAY_PROBLEMS['upstream-unavailable']('tenant-registry did not say whether the tenant exists; try again shortly.', { upstream: 'tenant-registry' });
    }
    return tenant['status'] as TenantStatus;
  }
}

function refuseUnless(status: TenantStatus | undefined, tenantId: string): void {
  if (status !== undefined && !NO_NEW_KEYS.has(status)) return;
  const message = status === undefined ? `no tenant ${tenantId} exists` : `tenant ${tenantId} is ${status === 'deleted' ? 'deleted' : 'being offboarded'}`;
  throw GATEWAY_PROBLEMS['unknown-tenant'](`A tenant-admin key needs a live tenant: ${message}.`, { tenantId, errors: [{ field: 'tenantId', message }] });
}
