import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { ExpireTrialsCommand } from './expire-trials.command';
import { ExpireTrialsUseCase } from './expire-trials.use-case';

const DAY_MS = 86_400_000;

describe(ExpireTrialsUseCase.name, () => {
  it('deactivates every trial that has ended by the clock, in batches, and leaves the others', async () => {
    const repository = new InMemoryTenantRepository();
    const clock = new ManualClock(new Date('2026-03-01T00:00:00.000Z'));
    const sut = new ExpireTrialsUseCase(repository, repository.transactions, repository.statusChanges, clock);
    const ended = Array.from({ length: 5 }, (_, i) => aTenant({ status: 'trial', plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: new Date(clock.now().getTime() - (i + 1) * DAY_MS) } }));
    const running = aTenant({ status: 'trial', plan: { id: 'starter', trial: true, duration: 14, trialEndsAt: new Date(clock.now().getTime() + DAY_MS) } });
    for (const tenant of [...ended, running]) repository.seed(tenant);

    const expired = await sut.execute(new ExpireTrialsCommand(2));

    expect(expired.sort()).toEqual(ended.map((tenant) => tenant.id).sort());
    for (const tenant of ended) expect(await repository.findTenant(tenantScope(tenant.id))).toMatchObject({ status: 'inactive', statusReason: 'trial expired', version: 2 });
    expect((await repository.findTenant(tenantScope(running.id)))?.status).toBe('trial');
    expect(repository.events.filter((event) => event.type === 'TenantDeactivated')).toHaveLength(5);

    clock.advance(2 * DAY_MS);
    expect(await sut.execute(new ExpireTrialsCommand(2))).toEqual([running.id]);
  });
});
