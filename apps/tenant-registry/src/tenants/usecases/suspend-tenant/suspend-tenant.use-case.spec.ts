import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { SuspendTenantCommand } from './suspend-tenant.command';
import { SuspendTenantUseCase } from './suspend-tenant.use-case';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const BY = { actor: 'key:ops', requestId: 'req-9', correlationId: 'client-9' };

describe(SuspendTenantUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: SuspendTenantUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    sut = new SuspendTenantUseCase(repository.statusChanges, new ManualClock(NOW));
  });

  it('suspends an active tenant: new version, history row with the actor, TenantSuspended', async () => {
    const tenant = aTenant({ status: 'active', version: 4 });
    repository.seed(tenant);

    const suspended = await sut.execute(new SuspendTenantCommand(tenant.id, BY, 'unpaid invoices'));

    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'unpaid invoices', version: 5, updatedAt: NOW });
    expect(await repository.history(tenantScope(tenant.id))).toEqual([
      { tenantId: tenant.id, from: 'active', to: 'suspended', reason: 'unpaid invoices', actor: 'key:ops', requestId: 'req-9', correlationId: 'client-9', at: NOW },
    ]);
    expect(repository.events).toEqual([
      { type: 'TenantSuspended', payload: { tenantId: tenant.id, from: 'active', to: 'suspended', reason: 'unpaid invoices', actor: 'key:ops', at: NOW.toISOString() } },
    ]);
  });

  it('refuses a tenant still provisioning with 409 naming its status, changing nothing', async () => {
    const tenant = aTenant({ status: 'provisioning' });
    repository.seed(tenant);

    const error = await sut.execute(new SuspendTenantCommand(tenant.id, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'illegal-transition', detail: 'The tenant is provisioning and cannot move to suspended', extensions: { currentStatus: 'provisioning' } });
    expect(await repository.findTenant(tenantScope(tenant.id))).toEqual(tenant);
    expect(repository.events).toEqual([]);
  });

  it('answers 404 for an unknown tenant', async () => {
    const error = await sut.execute(new SuspendTenantCommand('00000000-0000-4000-8000-999999999999', BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'tenant-not-found' });
    expect((error as ProblemException).getStatus()).toBe(404);
  });
});
