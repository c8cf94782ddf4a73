import { ProblemException } from '@tenantry/service';
import { ManualClock } from '@tenantry/service/testing';
import { tenantScope } from '@tenantry/persistence';
import { deriveLimits } from '../../tenant-limits';
import { aTenant, InMemoryTenantRepository } from '../../testing/in-memory-tenant.repository';
import { SetTenantLimitsCommand } from './set-tenant-limits.command';
import { SetTenantLimitsUseCase } from './set-tenant-limits.use-case';

const BY = { actor: 'key:test', requestId: 'req-1' };
const LIMITS = { storage: { limit: 50, mode: 'hard' as const }, users: { limit: 25, mode: 'soft' as const }, bandwidth: { limit: 100, mode: 'soft' as const }, apiCalls: { limit: 1000, mode: 'hard' as const } };

describe(SetTenantLimitsUseCase.name, () => {
  let repository: InMemoryTenantRepository;
  let clock: ManualClock;
  let sut: SetTenantLimitsUseCase;

  beforeEach(() => {
    repository = new InMemoryTenantRepository();
    clock = new ManualClock(new Date('2026-03-10T12:00:00Z'));
    sut = new SetTenantLimitsUseCase(repository, repository.transactions, repository.outbox, clock);
  });

  it('stores the set explicitly after the derived version and announces it in metering units', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    await repository.transactions.run((tx) => repository.saveLimits(tx, tenantScope(tenant.id), { limits: deriveLimits(tenant.resources), explicit: false, version: 1, updatedAt: tenant.createdAt }));

    const saved = await sut.execute(new SetTenantLimitsCommand(tenant.id, LIMITS, BY));

    expect(saved).toMatchObject({ version: 2, explicit: true, limits: LIMITS, updatedAt: clock.now() });
    expect(repository.events).toEqual([
      {
        type: 'TenantLimitsChanged',
        payload: {
          tenantId: tenant.id,
          version: 2,
          at: '2026-03-10T12:00:00.000Z',
          limits: [
            { metric: 'storage_bytes', limit: '50000000000', mode: 'hard' },
            { metric: 'bandwidth_bytes', limit: '100000000000', mode: 'soft' },
            { metric: 'active_users', limit: '25', mode: 'soft' },
            { metric: 'api_calls', limit: '1000', mode: 'hard' },
          ],
        },
      },
    ]);
  });

  it('announces nothing when the same set is sent again', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    await sut.execute(new SetTenantLimitsCommand(tenant.id, LIMITS, BY));

    const again = await sut.execute(new SetTenantLimitsCommand(tenant.id, structuredClone(LIMITS), BY));

    expect(again.version).toBe(1);
    expect(repository.events).toHaveLength(1);
  });

  it('refuses an unknown tenant with 404 and an offboarding one with 409, changing nothing', async () => {
    const leaving = aTenant({ status: 'offboarding' });
    repository.seed(leaving);

    await expect(sut.execute(new SetTenantLimitsCommand('00000000-0000-4000-8000-999999999999', LIMITS, BY))).rejects.toMatchObject({ code: 'tenant-not-found' });
    const refused = await sut.execute(new SetTenantLimitsCommand(leaving.id, LIMITS, BY)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProblemException);
    expect((refused as ProblemException).getStatus()).toBe(409);
    expect(repository.events).toEqual([]);
    expect(await repository.findLimits(tenantScope(leaving.id))).toBeNull();
  });

  it('keeps the current mode of a field given as a plain number, and makes a new one soft', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    await sut.execute(new SetTenantLimitsCommand(tenant.id, LIMITS, BY));

    // The product description's body: {"storage": 10, "users": 5, "bandwidth": 100}, modes defaulted by the mapper to soft.
    const plain = { storage: { limit: 10, mode: 'soft' as const }, users: { limit: 5, mode: 'soft' as const }, bandwidth: { limit: 100, mode: 'soft' as const } };
    const saved = await sut.execute(new SetTenantLimitsCommand(tenant.id, plain, BY, ['storage', 'users', 'bandwidth']));

    expect(saved.limits).toEqual({ storage: { limit: 10, mode: 'hard' }, users: { limit: 5, mode: 'soft' }, bandwidth: { limit: 100, mode: 'soft' } });
  });

  it('stores limits on meters with the set and announces them under their keys, in their own unit', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    const withMeters = { ...LIMITS, meters: { pages: { limit: 2.5, mode: 'hard' as const }, documents_processed: { limit: 10000, mode: 'soft' as const } } };

    const saved = await sut.execute(new SetTenantLimitsCommand(tenant.id, withMeters, BY));

    expect(saved).toMatchObject({ version: 1, limits: withMeters });
    expect((repository.events[0]?.payload as { limits: unknown[] }).limits.slice(4)).toEqual([
      { metric: 'documents_processed', limit: '10000', mode: 'soft' },
      { metric: 'pages', limit: '2.5', mode: 'hard' },
    ]);
    // The same meters named in another order are the same set: no new version.
    const reordered = { ...LIMITS, meters: { documents_processed: { limit: 10000, mode: 'soft' as const }, pages: { limit: 2.5, mode: 'hard' as const } } };
    expect((await sut.execute(new SetTenantLimitsCommand(tenant.id, reordered, BY))).version).toBe(1);
    // Dropping the meters is a change: a new version without them.
    const without = await sut.execute(new SetTenantLimitsCommand(tenant.id, LIMITS, BY));
    expect(without.version).toBe(2);
    expect((repository.events[1]?.payload as { limits: { metric: string }[] }).limits.map((limit) => limit.metric)).toEqual(['storage_bytes', 'bandwidth_bytes', 'active_users', 'api_calls']);
  });

  it('keeps the current mode of a meter limit given as a plain number, and makes a new one soft', async () => {
    const tenant = aTenant();
    repository.seed(tenant);
    await sut.execute(new SetTenantLimitsCommand(tenant.id, { ...LIMITS, meters: { pages: { limit: 5, mode: 'hard' } } }, BY));

    const plain = { ...LIMITS, meters: { pages: { limit: 8, mode: 'soft' as const }, tokens: { limit: 3, mode: 'soft' as const } } };
    const saved = await sut.execute(new SetTenantLimitsCommand(tenant.id, plain, BY, ['meters.pages', 'meters.tokens']));

    expect(saved.limits.meters).toEqual({ pages: { limit: 8, mode: 'hard' }, tokens: { limit: 3, mode: 'soft' } });
  });
});
