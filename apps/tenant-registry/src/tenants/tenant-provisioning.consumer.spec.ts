import { EventMetadata } from '@tenantry/contracts';
import { InboundEvent } from '@tenantry/messaging';
import type { Logger } from '@tenantry/observability';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { aTenant, InMemoryTenantRepository } from './testing/in-memory-tenant.repository';
import { TenantProvisioningConsumer } from './tenant-provisioning.consumer';
import { RecordProvisioningOutcomeUseCase } from './usecases/record-provisioning-outcome/record-provisioning-outcome.use-case';

const QUIET = { warn: () => undefined } as unknown as Logger;

function provisioned(tenantId: string): InboundEvent<'TenantProvisioned'> {
  const meta = { id: 'evt-1', type: 'TenantProvisioned', source: '/tenantry/provisioning', time: new Date().toISOString(), schemaVersion: 1, tenantId, correlationId: 'req-1' } as unknown as EventMetadata;
  return {
    type: 'TenantProvisioned',
    meta,
    payload: { tenantId, schemaName: 's', storageRoot: '/data', hostname: 'acme.tenantry.local', at: new Date().toISOString() },
    topic: 'tenantry.tenant.provisioning.v1',
    partition: 0,
    offset: '0',
    key: tenantId,
  };
}

class BrokenRepository extends InMemoryTenantRepository {
  override lockTenant(): Promise<null> {
    return Promise.reject(new Error('connection reset'));
  }
}

describe(TenantProvisioningConsumer.name, () => {
  it('activates a provisioned tenant, recording provisioning as the actor and the correlation id', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'provisioning' });
    repository.seed(tenant);
    const sut = new TenantProvisioningConsumer(new RecordProvisioningOutcomeUseCase(repository, repository.statusChanges, new ManualClock()), QUIET);

    await repository.transactions.run(async (tx) => sut.handlers.TenantProvisioned?.(provisioned(tenant.id), tx));

    expect((await repository.findTenant(tenantScope(tenant.id)))?.status).toBe('active');
    expect((await repository.history(tenantScope(tenant.id)))[0]).toMatchObject({ actor: 'provisioning', requestId: 'req-1' });
  });

  it('completes (so the event is not retried) for a duplicate the state machine refuses, and reports what it skipped', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'active' });
    repository.seed(tenant);
    const warnings: unknown[][] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    const sut = new TenantProvisioningConsumer(new RecordProvisioningOutcomeUseCase(repository, repository.statusChanges, new ManualClock()), logger);

    await expect(repository.transactions.run(async (tx) => sut.handlers.TenantProvisioned?.(provisioned(tenant.id), tx))).resolves.toBeUndefined();
    expect(await repository.findTenant(tenantScope(tenant.id))).toEqual(tenant);
    expect(await repository.history(tenantScope(tenant.id))).toEqual([]);
    expect(warnings).toEqual([
      [{ eventId: 'evt-1', type: 'TenantProvisioned', tenantId: tenant.id, applied: false, reason: 'illegal-transition', currentStatus: 'active', wanted: 'active' }, 'provisioning outcome ignored'],
    ]);
  });

  it('lets real failures through, so the consumer retries and dead-letters instead of losing the event', async () => {
    const repository = new BrokenRepository();
    const sut = new TenantProvisioningConsumer(new RecordProvisioningOutcomeUseCase(repository, repository.statusChanges, new ManualClock()), QUIET);

    await expect(repository.transactions.run(async (tx) => sut.handlers.TenantProvisioned?.(provisioned('00000000-0000-4000-8000-000000000001'), tx))).rejects.toThrow('connection reset');
  });
});
