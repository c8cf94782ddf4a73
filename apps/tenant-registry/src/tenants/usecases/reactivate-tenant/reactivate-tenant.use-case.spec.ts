import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { ReactivateTenantCommand } from './reactivate-tenant.command';
import { ReactivateTenantUseCase } from './reactivate-tenant.use-case';

const BY = { actor: 'key:ops', requestId: null };

describe(ReactivateTenantUseCase.name, () => {
  it('reactivates a suspended tenant, clearing the suspension reason', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'suspended', statusReason: 'unpaid' });
    repository.seed(tenant);
    const sut = new ReactivateTenantUseCase(repository.statusChanges, new ManualClock());

    const active = await sut.execute(new ReactivateTenantCommand(tenant.id, BY));

    expect(active).toMatchObject({ status: 'active', statusReason: null });
    expect(repository.events.map((event) => event.type)).toEqual(['TenantReactivated']);
  });

  it('refuses an inactive tenant (an expired trial is not reactivated by an operator)', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'inactive' });
    repository.seed(tenant);
    const sut = new ReactivateTenantUseCase(repository.statusChanges, new ManualClock());

    const error = await sut.execute(new ReactivateTenantCommand(tenant.id, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'illegal-transition', extensions: { currentStatus: 'inactive' } });
  });
});
