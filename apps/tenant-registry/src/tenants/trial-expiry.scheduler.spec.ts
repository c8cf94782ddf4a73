import type { Logger } from '@tenantry/observability';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { TenantRegistryConfig } from '../tenant-registry.config';
import { aTenant, InMemoryTenantRepository } from './testing/in-memory-tenant.repository';
import { TrialExpiryScheduler } from './trial-expiry.scheduler';
import { ExpireTrialsUseCase } from './usecases/expire-trials/expire-trials.use-case';

const QUIET = { info: () => undefined, error: () => undefined } as unknown as Logger;
const NOW = new Date('2026-03-01T00:00:00.000Z');

function expiredTrial() {
  return aTenant({ status: 'trial', plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: new Date(NOW.getTime() - 1) } });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(TrialExpiryScheduler.name, () => {
  it('sweeps on start and on every interval, and no longer after shutdown', async () => {
    const repository = new InMemoryTenantRepository();
    const config = Object.assign(new TenantRegistryConfig(), { TRIAL_CHECK_INTERVAL_MS: 100, TRIAL_EXPIRY: 'registry' });
    const sut = new TrialExpiryScheduler(new ExpireTrialsUseCase(repository, repository.transactions, repository.statusChanges, new ManualClock(NOW)), config, QUIET);
    const first = expiredTrial();
    repository.seed(first);

    sut.onApplicationBootstrap();
    await settle(20);
    expect((await repository.findTenant(tenantScope(first.id)))?.status).toBe('inactive');

    const second = expiredTrial();
    repository.seed(second);
    await settle(250);
    expect((await repository.findTenant(tenantScope(second.id)))?.status).toBe('inactive');

    await sut.beforeApplicationShutdown();
    const third = expiredTrial();
    repository.seed(third);
    await settle(250);
    expect((await repository.findTenant(tenantScope(third.id)))?.status).toBe('trial');
  });

  it('does not sweep when billing ends trials (TRIAL_EXPIRY=billing, the default)', async () => {
    const repository = new InMemoryTenantRepository();
    const config = Object.assign(new TenantRegistryConfig(), { TRIAL_CHECK_INTERVAL_MS: 100 });
    expect(config.TRIAL_EXPIRY).toBe('billing');
    const sut = new TrialExpiryScheduler(new ExpireTrialsUseCase(repository, repository.transactions, repository.statusChanges, new ManualClock(NOW)), config, QUIET);
    const trial = expiredTrial();
    repository.seed(trial);
    sut.onApplicationBootstrap();
    await settle(250);
    await sut.beforeApplicationShutdown();
    expect((await repository.findTenant(tenantScope(trial.id)))?.status).toBe('trial');
  });
});
