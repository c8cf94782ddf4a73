import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { RetryProvisioningCommand } from './retry-provisioning.command';
import { RetryProvisioningUseCase } from './retry-provisioning.use-case';

const BY = { actor: 'key:ops', requestId: null };

describe(RetryProvisioningUseCase.name, () => {
  it('puts a failed tenant back to provisioning, clearing the failure, and announces the retry', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'provisioning_failed', statusReason: 'database: disk full' });
    repository.seed(tenant);
    const sut = new RetryProvisioningUseCase(repository.statusChanges, new ManualClock());

    const retried = await sut.execute(new RetryProvisioningCommand(tenant.id, BY));

    expect(retried).toMatchObject({ status: 'provisioning', statusReason: null, version: 2 });
    expect(repository.events.map((event) => event.type)).toEqual(['TenantProvisioningRetryRequested']);
  });

  it('refuses any tenant whose provisioning has not failed', async () => {
    const repository = new InMemoryTenantRepository();
    const tenant = aTenant({ status: 'active' });
    repository.seed(tenant);
    const sut = new RetryProvisioningUseCase(repository.statusChanges, new ManualClock());

    const error = await sut.execute(new RetryProvisioningCommand(tenant.id, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'illegal-transition', detail: 'The tenant is active and cannot move to provisioning' });
  });
});
