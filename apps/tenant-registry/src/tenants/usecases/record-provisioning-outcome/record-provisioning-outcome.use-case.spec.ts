import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { RecordProvisioningOutcomeCommand } from './record-provisioning-outcome.command';
import { RecordProvisioningOutcomeUseCase } from './record-provisioning-outcome.use-case';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const BY = { actor: 'provisioning', requestId: 'evt-1' };

describe(RecordProvisioningOutcomeUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: RecordProvisioningOutcomeUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    sut = new RecordProvisioningOutcomeUseCase(repository, repository.statusChanges, new ManualClock(NOW));
  });

  it('starts the trial of a provisioned tenant on a trial plan, ending after the plan duration', async () => {
    const tenant = aTenant({ status: 'provisioning', plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: null } });
    repository.seed(tenant);

    const result = await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand(tenant.id, 'provisioned', BY), tx));

    expect(result).toMatchObject({ applied: true, tenant: { status: 'trial', plan: { trialEndsAt: new Date('2026-03-15T10:00:00.000Z') } } });
    expect(repository.events).toEqual([{ type: 'TenantTrialStarted', payload: expect.objectContaining({ from: 'provisioning', to: 'trial', trialEndsAt: '2026-03-15T10:00:00.000Z' }) }]);
  });

  it('activates a provisioned tenant on a plan without trial', async () => {
    const tenant = aTenant({ status: 'provisioning' });
    repository.seed(tenant);

    await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand(tenant.id, 'provisioned', BY), tx));

    expect((await repository.findTenant(tenantScope(tenant.id)))?.status).toBe('active');
    expect(repository.events.map((event) => event.type)).toEqual(['TenantActivated']);
  });

  it('records a failure with its reason', async () => {
    const tenant = aTenant({ status: 'provisioning' });
    repository.seed(tenant);

    await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand(tenant.id, 'failed', BY, 'database: disk full'), tx));

    expect(await repository.findTenant(tenantScope(tenant.id))).toMatchObject({ status: 'provisioning_failed', statusReason: 'database: disk full' });
  });

  it('deletes an offboarded tenant', async () => {
    const tenant = aTenant({ status: 'offboarding' });
    repository.seed(tenant);

    await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand(tenant.id, 'offboarded', BY), tx));

    expect((await repository.findTenant(tenantScope(tenant.id)))?.status).toBe('deleted');
    expect(repository.events.map((event) => event.type)).toEqual(['TenantDeleted']);
  });

  it('ignores a duplicate outcome the state machine refuses, changing nothing', async () => {
    const tenant = aTenant({ status: 'active' });
    repository.seed(tenant);

    const result = await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand(tenant.id, 'provisioned', BY), tx));

    expect(result).toEqual({ applied: false, reason: 'illegal-transition', currentStatus: 'active', wanted: 'active' });
    expect(await repository.findTenant(tenantScope(tenant.id))).toEqual(tenant);
    expect(repository.events).toEqual([]);
  });

  it('ignores an outcome about a tenant it does not hold', async () => {
    const result = await repository.transactions.run((tx) => sut.execute(new RecordProvisioningOutcomeCommand('00000000-0000-4000-8000-999999999999', 'provisioned', BY), tx));

    expect(result).toEqual({ applied: false, reason: 'unknown-tenant' });
  });
});
