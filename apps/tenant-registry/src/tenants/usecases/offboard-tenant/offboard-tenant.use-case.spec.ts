import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { TenantRegistryConfig } from '../../../tenant-registry.config';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { OffboardTenantCommand } from './offboard-tenant.command';
import { OffboardTenantUseCase } from './offboard-tenant.use-case';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const BY = { actor: 'key:ops', requestId: 'req-1' };

describe(OffboardTenantUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let sut: OffboardTenantUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    sut = new OffboardTenantUseCase(repository.statusChanges, new ManualClock(NOW), Object.assign(new TenantRegistryConfig(), { OFFBOARDING_RETENTION_DAYS: 90 }));
  });

  it.each(['provisioning_failed', 'trial', 'active', 'suspended', 'inactive'] as const)('starts offboarding a %s tenant, announcing the retention', async (status) => {
    const tenant = aTenant({ status });
    repository.seed(tenant);

    const offboarding = await sut.execute(new OffboardTenantCommand(tenant.id, BY));

    expect(offboarding.status).toBe('offboarding');
    expect(repository.events).toEqual([{ type: 'TenantOffboardingStarted', payload: expect.objectContaining({ from: status, to: 'offboarding', retentionDays: 90, actor: 'key:ops' }) }]);
  });

  it('carries the reason given on TenantOffboardingStarted', async () => {
    const tenant = aTenant({ status: 'suspended' });
    repository.seed(tenant);

    await sut.execute(new OffboardTenantCommand(tenant.id, BY, 'abuse'));

    expect(repository.events).toEqual([{ type: 'TenantOffboardingStarted', payload: expect.objectContaining({ to: 'offboarding', reason: 'abuse' }) }]);
  });

  it.each(['provisioning', 'offboarding', 'deleted'] as const)('refuses a %s tenant', async (status) => {
    const tenant = aTenant({ status });
    repository.seed(tenant);

    const error = await sut.execute(new OffboardTenantCommand(tenant.id, BY)).catch((caught: unknown) => caught as ProblemException);

    expect(error).toMatchObject({ code: 'illegal-transition', extensions: { currentStatus: status } });
    expect(repository.events).toEqual([]);
  });
});
